using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Storefront.Admin;

namespace Storefront.Tests.Infrastructure;

/// <summary>A list filter bound from a query string by the app's own model binding and validation, as its page binds it.</summary>
public static class QueryBinding
{
    public static async Task<T> BindFilterAsync<T>(this StorefrontFactory app, string queryString) where T : ListFilter, new()
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.QueryString = new QueryString("?" + queryString);
        var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(typeof(T));
        var binder = services.GetRequiredService<IModelBinderFactory>().CreateBinder(
            new ModelBinderFactoryContext { Metadata = metadata, BindingInfo = new BindingInfo(), CacheToken = typeof(T) });
        var bound = await services.GetRequiredService<ParameterBinder>().BindModelAsync(action, binder,
            new QueryStringValueProvider(BindingSource.Query, http.Request.Query, CultureInfo.InvariantCulture),
            new ParameterDescriptor { Name = "filter", ParameterType = typeof(T) }, metadata, value: null, container: null);
        var filter = bound.Model as T ?? new T();
        filter.DropRefused(action.ModelState, services.GetRequiredService<IStringLocalizer<ListFilter>>());
        return filter;
    }
}
