using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Storefront.Security;

/// <summary>
/// A posted boolean that is no boolean (<c>RememberMe=maybe</c>) is a model error, as it should be; but the form that is
/// shown again renders its checkbox from the raw value, and converting that throws (a 500). This binder keeps the error
/// and the attempted value and drops the raw one, so the checkbox renders unticked.
/// </summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool)
            ? new CheckboxBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class CheckboxBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (!bindingContext.Result.IsModelSet && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry) && entry.Errors.Count > 0)
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, entry.AttemptedValue);
        }
    }
}
