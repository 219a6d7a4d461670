using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// The sandbox app with configured webhook secrets (a primary and a previous key of each kind) and its inbox
/// worker off, so that what the receivers stored stays in the inbox, untouched, for the test to read.
/// </summary>
public sealed class InboxOnlyFactory : SandboxFactory
{
    public const string PrimaryKey = "3F6A1C2B9D8E7F60514233A4B5C6D7E8F9011223344556677889900AABBCCDDE";
    public const string PreviousKey = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    public const string PrimaryTokenizationKey = "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00";
    public const string PreviousTokenizationKey = "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100";
    public const string Username = "adyen-webhooks";
    public const string Password = "correct horse battery staple";

    public InboxOnlyFactory()
    {
        Settings["Adyen:HmacKeys:0"] = PrimaryKey;
        Settings["Adyen:HmacKeys:1"] = PreviousKey;
        Settings["Adyen:TokenizationHmacKeys:0"] = PrimaryTokenizationKey;
        Settings["Adyen:TokenizationHmacKeys:1"] = PreviousTokenizationKey;
        Settings["Adyen:WebhookUsername"] = Username;
        Settings["Adyen:WebhookPassword"] = Password;
        Settings["Adyen:Webhooks:ProcessInbox"] = "false";
    }
}

/// <summary>Through the real endpoints: what is accepted and stored, and every way a message is refused with nothing stored.</summary>
public sealed class WebhookReceiverTests(InboxOnlyFactory app) : IClassFixture<InboxOnlyFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    private NotificationRequestItem Authorisation(string? pspReference = null) =>
        _adyen.Item("AUTHORISATION", pspReference ?? AdyenWebhooks.NewPspReference(), "SF-RECEIVER-1", new Amount("KRW", 15_000));

    [Fact]
    public async Task A_signed_notification_is_stored_raw_before_the_2xx_and_left_for_the_worker()
    {
        var item = _adyen.Signed(Authorisation());
        var body = AdyenWebhooks.StandardBody(item);

        var response = await _adyen.PostStandardAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("[accepted]", await response.Content.ReadAsStringAsync());
        var row = await StoredAsync(AdyenWebhooks.StandardKey(item));
        Assert.NotNull(row);
        Assert.Equal((WebhookKind.Standard, WebhookStatus.Pending, "AUTHORISATION", item.PspReference, "SF-RECEIVER-1", true, false),
            (row.Kind, row.Status, row.EventCode, row.PspReference, row.MerchantReference, row.Success, row.Live));
        // The item exactly as it came over the wire (escapes included), not re-serialised.
        Assert.Contains(row.Body, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_previous_key_is_still_accepted_during_rotation_and_an_unknown_key_is_not()
    {
        var previous = Authorisation();
        var unknown = Authorisation();

        var withPrevious = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(_adyen.Signed(previous, InboxOnlyFactory.PreviousKey)));
        var withUnknown = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(_adyen.Signed(unknown, InboxOnlyFactory.PrimaryTokenizationKey)));

        Assert.Equal(HttpStatusCode.Accepted, withPrevious.StatusCode);
        Assert.NotNull(await StoredAsync(AdyenWebhooks.StandardKey(previous)));
        Assert.Equal(HttpStatusCode.Unauthorized, withUnknown.StatusCode);
        Assert.Null(await StoredAsync(AdyenWebhooks.StandardKey(unknown)));
    }

    public static TheoryData<string> TamperedFields => ["amount", "currency", "success", "merchantReference", "pspReference", "eventCode", "originalReference", "merchantAccount", "signature"];

    [Theory]
    [MemberData(nameof(TamperedFields))]
    public async Task A_field_changed_after_signing_is_refused_and_nothing_is_stored(string field)
    {
        var signed = _adyen.Signed(Authorisation() with { OriginalReference = "ORIGINAL0000001" });
        var tampered = field switch
        {
            "amount" => signed with { Amount = new Amount("KRW", 1) },
            "currency" => signed with { Amount = new Amount("USD", 15_000) },
            "success" => signed with { Success = "false" },
            "merchantReference" => signed with { MerchantReference = "SF-RECEIVER-2" },
            "pspReference" => signed with { PspReference = AdyenWebhooks.NewPspReference() },
            "eventCode" => signed with { EventCode = "REFUND" },
            "originalReference" => signed with { OriginalReference = "ORIGINAL0000002" },
            "merchantAccount" => signed with { MerchantAccountCode = "SomeoneElse_Ecom" },
            _ => signed with { AdditionalData = new Dictionary<string, string> { ["hmacSignature"] = "J7JakGZjZsu/tWqXdFMI+YnEJmhxJAbOVrJmyYMoqcM=" } },
        };
        var before = await _adyen.InboxCountAsync();

        var response = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(tampered));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_notification_without_a_signature_is_refused()
    {
        var before = await _adyen.InboxCountAsync();

        var response = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(Authorisation()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
    }

    [Fact]
    public async Task A_batch_with_one_badly_signed_item_is_refused_whole()
    {
        var good = _adyen.Signed(Authorisation());
        var bad = _adyen.Signed(Authorisation()) with { Success = "false" };
        var before = await _adyen.InboxCountAsync();

        var response = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody([good, bad]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
        Assert.Null(await StoredAsync(AdyenWebhooks.StandardKey(good)));
    }

    [Fact]
    public async Task A_batch_of_good_items_stores_each_one_under_its_own_key()
    {
        var first = _adyen.Signed(Authorisation());
        var second = _adyen.Signed(Authorisation(first.PspReference) with { EventCode = "OFFER_CLOSED" });

        var response = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody([first, second]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("AUTHORISATION", (await StoredAsync(AdyenWebhooks.StandardKey(first)))?.EventCode);
        Assert.Equal("OFFER_CLOSED", (await StoredAsync(AdyenWebhooks.StandardKey(second)))?.EventCode);
    }

    [Fact]
    public async Task A_duplicate_is_acknowledged_and_changes_nothing()
    {
        var item = _adyen.Signed(Authorisation());
        var first = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(item));
        var stored = await StoredAsync(AdyenWebhooks.StandardKey(item));

        var again = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(item));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var row = await StoredAsync(AdyenWebhooks.StandardKey(item));
        Assert.Equal((stored!.Id, stored.Version, stored.ReceivedAt), (row!.Id, row.Version, row.ReceivedAt));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookMessages.CountAsync(m => m.PspReference == item.PspReference)));
    }

    [Fact]
    public async Task A_duplicate_is_logged_as_normal_not_as_an_error()
    {
        var item = _adyen.Signed(Authorisation());
        await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(item));
        var logged = app.Logs.Entries.Count;

        var again = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(item));

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var entries = app.Logs.Entries.Skip(logged).ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(entries, e => e.Message.Contains($"Duplicate AUTHORISATION webhook for {item.PspReference}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copies_arriving_at_once_are_stored_once_without_an_error_in_the_log()
    {
        var item = _adyen.Signed(Authorisation());
        var body = AdyenWebhooks.StandardBody(item);
        var logged = app.Logs.Entries.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _adyen.PostStandardAsync(body))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookMessages.CountAsync(m => m.PspReference == item.PspReference)));
        Assert.DoesNotContain(app.Logs.Entries.Skip(logged), e => e.Level >= LogLevel.Error);
    }

    public static TheoryData<string, string?> BadCredentials => new()
    {
        { "none", null },
        { "wrong password", AdyenWebhooks.Basic(InboxOnlyFactory.Username, "wrong").ToString() },
        { "wrong user", AdyenWebhooks.Basic("someone", InboxOnlyFactory.Password).ToString() },
        { "password as user", AdyenWebhooks.Basic(InboxOnlyFactory.Password, InboxOnlyFactory.Username).ToString() },
        { "not base64", "Basic %%%" },
        { "no colon", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(InboxOnlyFactory.Username + InboxOnlyFactory.Password)) },
        { "bearer", "Bearer " + InboxOnlyFactory.Password },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Missing_or_wrong_basic_auth_is_refused_on_both_endpoints(string why, string? authorization)
    {
        var item = _adyen.Signed(Authorisation());
        var tokenBody = _adyen.TokenBody("recurring.token.created", "shp_unknown", "TOKEN" + AdyenWebhooks.NewPspReference());
        var before = await _adyen.InboxCountAsync();

        var standard = await PostRawAsync(WebhookRegistration.StandardPath, AdyenWebhooks.StandardBody(item), authorization);
        var tokens = await PostRawAsync(WebhookRegistration.TokenizationPath, tokenBody, authorization,
            AdyenHmac.Sign(Encoding.UTF8.GetBytes(tokenBody), InboxOnlyFactory.PrimaryTokenizationKey));

        Assert.True(standard.StatusCode == HttpStatusCode.Unauthorized, why);
        Assert.Equal(HttpStatusCode.Unauthorized, tokens.StatusCode);
        Assert.Equal("Basic", standard.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, await _adyen.InboxCountAsync());
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("{\"live\":\"false\",\"notificationItems\":[")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"live\":\"false\"}")]
    [InlineData("{\"live\":\"false\",\"notificationItems\":[]}")]
    [InlineData("{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":{\"eventCode\":\"AUTHORISATION\",\"success\":\"true\"}}]}")]
    [InlineData("{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":{\"pspReference\":\"A\",\"eventCode\":\"AUTHORISATION\",\"success\":\"yes\"}}]}")]
    [InlineData("{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":{\"pspReference\":\"A\",\"eventCode\":\"AUTHORISATION\",\"success\":\"true\",\"amount\":{\"value\":\"lots\",\"currency\":\"KRW\"}}}]}")]
    public async Task A_malformed_body_is_a_400_and_nothing_is_stored(string body)
    {
        var before = await _adyen.InboxCountAsync();

        var response = await _adyen.PostStandardAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_malformed_tokenization_body_is_a_400_even_when_signed()
    {
        const string body = "{\"eventId\":\"ZX7Q2L4M9B8K3C1D\",\"type\":";
        var before = await _adyen.InboxCountAsync();

        var response = await _adyen.PostTokenizationAsync(body, AdyenHmac.Sign(Encoding.UTF8.GetBytes(body), InboxOnlyFactory.PrimaryTokenizationKey));
        var incomplete = _adyen.TokenBody("recurring.token.created", "", "TOKEN1");
        var withoutShopper = await _adyen.PostTokenizationAsync(incomplete);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutShopper.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_json_is_a_415_on_both_endpoints(string contentType)
    {
        var item = _adyen.Signed(Authorisation());
        var tokenBody = _adyen.TokenBody("recurring.token.created", "shp_unknown", "TOKEN2");
        var before = await _adyen.InboxCountAsync();

        var standard = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(item), contentType: contentType);
        var tokens = await _adyen.PostTokenizationAsync(tokenBody, contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, standard.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, tokens.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_one_megabyte_is_a_413_with_or_without_a_content_length(bool withLength)
    {
        // Valid JSON, validly authenticated, only too big: a padded additionalData value.
        var item = _adyen.Signed(Authorisation() with { AdditionalData = new Dictionary<string, string> { ["padding"] = new string('x', WebhookOptions.MaxBodyBytes) } });
        var body = Encoding.UTF8.GetBytes(AdyenWebhooks.StandardBody(item));
        var before = await _adyen.InboxCountAsync();

        foreach (var path in new[] { WebhookRegistration.StandardPath, WebhookRegistration.TokenizationPath })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Content = withLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLengthStream(body));
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Authorization = _adyen.BasicAuth;
            request.Headers.Add(WebhookReceiver.HmacSignatureHeader, AdyenHmac.Sign(body, InboxOnlyFactory.PrimaryTokenizationKey));
            using var client = new HttpClient { BaseAddress = app.BaseAddress };

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        Assert.Equal(before, await _adyen.InboxCountAsync());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_live_notification_sent_to_a_test_shop_is_a_422_and_nothing_is_stored()
    {
        var item = _adyen.Signed(Authorisation());
        var tokenBody = _adyen.TokenBody("recurring.token.created", "shp_unknown", "TOKEN3", environment: "live");
        var before = await _adyen.InboxCountAsync();

        var standard = await _adyen.PostStandardAsync(AdyenWebhooks.StandardBody(item, live: "true"));
        var tokens = await _adyen.PostTokenizationAsync(tokenBody);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, standard.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tokens.StatusCode);
        Assert.Equal(before, await _adyen.InboxCountAsync());
    }

    [Fact]
    public async Task A_tokenization_webhook_is_verified_over_its_raw_bytes_with_either_key()
    {
        // Whitespace and key order that a re-serialisation would change: the signature covers the bytes as sent.
        var eventId = AdyenWebhooks.NewPspReference();
        var body = $"{{ \"type\": \"recurring.token.created\", \"eventId\": \"{eventId}\", \"environment\": \"test\",\n  \"createdAt\": \"2026-11-28T21:15:30+09:00\",\n  \"data\": {{\"storedPaymentMethodId\": \"TK8P3W2Q9R7S5T1V\", \"shopperReference\": \"shp_someone\", \"merchantAccount\": \"{_adyen.MerchantAccount}\", \"type\": \"kakaopay\", \"operation\": \"created\"}} }}";
        var bytes = Encoding.UTF8.GetBytes(body);

        var withPrevious = await _adyen.PostTokenizationAsync(body, AdyenHmac.Sign(bytes, InboxOnlyFactory.PreviousTokenizationKey));

        Assert.Equal(HttpStatusCode.Accepted, withPrevious.StatusCode);
        var row = await StoredAsync(AdyenWebhooks.TokenKey(eventId, "recurring.token.created"));
        Assert.NotNull(row);
        Assert.Equal((WebhookKind.Tokenization, "recurring.token.created", body), (row.Kind, row.EventCode, row.Body));
    }

    [Fact]
    public async Task A_tampered_or_unsigned_tokenization_webhook_is_refused()
    {
        var body = _adyen.TokenBody("recurring.token.created", "shp_someone", "TK8P3W2Q9R7S5T1V");
        var signature = AdyenHmac.Sign(Encoding.UTF8.GetBytes(body), InboxOnlyFactory.PrimaryTokenizationKey);
        var before = await _adyen.InboxCountAsync();

        var tampered = await _adyen.PostTokenizationAsync(body.Replace("shp_someone", "shp_attacker", StringComparison.Ordinal), signature);
        var reformatted = await _adyen.PostTokenizationAsync(body.Replace(",", ", ", StringComparison.Ordinal), signature);
        var standardKey = await _adyen.PostTokenizationAsync(body, AdyenHmac.Sign(Encoding.UTF8.GetBytes(body), InboxOnlyFactory.PrimaryKey));
        var unsigned = await PostRawAsync(WebhookRegistration.TokenizationPath, body, _adyen.BasicAuth.ToString(), signature: null);

        Assert.All([tampered, reformatted, standardKey, unsigned], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(before, await _adyen.InboxCountAsync());
    }

    [Fact]
    public async Task The_webhook_endpoints_need_no_antiforgery_token_or_cookie_and_take_only_post()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var get = await client.GetAsync(WebhookRegistration.StandardPath);
        var post = await _adyen.SendAsync(Authorisation());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.False(post.Headers.Contains("Set-Cookie"));
    }

    public void Dispose() => _adyen.Dispose();

    private Task<WebhookMessage?> StoredAsync(string eventKey) =>
        app.WithDbAsync(db => db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.EventKey == eventKey));

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body, string? authorization, string? signature = null)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (signature is not null)
            request.Headers.Add(WebhookReceiver.HmacSignatureHeader, signature);
        return await client.SendAsync(request);
    }

    private async Task AssertStillServingAsync()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _adyen.SendAsync(Authorisation())).StatusCode);
    }

    /// <summary>A body sent chunked, without a Content-Length, so only reading it shows how big it is.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
