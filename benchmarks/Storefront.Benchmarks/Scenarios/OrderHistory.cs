using System.Globalization;
using System.Text;
using Storefront.Catalog;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// A shop's last 90 days of orders, made up but shaped like real ones: seven markets in their own currencies, guests
/// with local names, e-mails and phone numbers, one to three lines of the real catalog at its prices, and the usual
/// fates (paid and shipped, refused, abandoned at the payment page, cancelled, refunded in full or in part, reversed,
/// flagged). Every order is built through the store's own model (<see cref="Order.Place"/>, payment results, refunds),
/// so each column it writes, the search keys included, is what the app itself would have written. Seeded: the same
/// seed gives the same shop (but for the order numbers, which are the app's own random ones).
/// </summary>
public sealed class OrderHistory
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(90);

    private const string Merchandiser = "merchandiser@storefront.local";

    // Markets weighted roughly as a Korean shop selling abroad would see them.
    private static readonly (string Country, int Weight)[] Markets = [("KR", 40), ("US", 16), ("JP", 14), ("GB", 8), ("DE", 9), ("FR", 7), ("NL", 6)];

    private static readonly (int Count, int Weight)[] LineCounts = [(1, 60), (2, 28), (3, 12)];

    private static readonly (int Quantity, int Weight)[] Quantities = [(1, 75), (2, 20), (3, 5)];

    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org", "mail.example", "inbox.example"];

    private static readonly Dictionary<string, People> PeopleOf = new()
    {
        ["KR"] = new(
            [("민지", "Minji"), ("서연", "Seoyeon"), ("지훈", "Jihoon"), ("현우", "Hyunwoo"), ("수빈", "Subin"), ("예은", "Yeeun"), ("도윤", "Doyun"), ("하은", "Haeun"), ("준서", "Junseo"), ("지민", "Jimin")],
            [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"), ("조", "Cho"), ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim")],
            FamilyNameFirst: true,
            ["Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Suwon", "Jeju"],
            ["Sejong-daero", "Teheran-ro", "Haeundae-ro", "Gangnam-daero", "Olympic-ro", "Yeouido-ro"]),
        ["US"] = new(Plain("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Emily"),
            Plain("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez"),
            FamilyNameFirst: false,
            ["New York", "Los Angeles", "Seattle", "Chicago", "Austin", "Boston", "San Francisco"],
            ["Main Street", "Oak Avenue", "Pine Street", "Maple Drive", "Cedar Lane", "Elm Street"]),
        ["JP"] = new(
            [("結衣", "Yui"), ("陽翔", "Haruto"), ("蒼", "Aoi"), ("陸", "Riku"), ("芽依", "Mei"), ("悠真", "Yuma"), ("陽菜", "Hina"), ("湊", "Minato")],
            [("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"), ("渡辺", "Watanabe"), ("伊藤", "Ito"), ("山本", "Yamamoto"), ("中村", "Nakamura")],
            FamilyNameFirst: true,
            ["Tokyo", "Osaka", "Kyoto", "Yokohama", "Fukuoka", "Sapporo", "Nagoya"],
            ["Chuo-dori", "Omotesando", "Meiji-dori", "Kawaramachi-dori", "Midosuji"]),
        ["GB"] = new(Plain("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Olivia"),
            Plain("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas"),
            FamilyNameFirst: false,
            ["London", "Manchester", "Bristol", "Leeds", "Edinburgh", "Glasgow", "Brighton"],
            ["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"]),
        ["DE"] = new(Plain("Lukas", "Anna", "Leon", "Lena", "Finn", "Mia", "Paul", "Emma"),
            Plain("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"),
            FamilyNameFirst: false,
            ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Leipzig"],
            ["Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Lindenstraße"]),
        ["FR"] = new(Plain("Lucas", "Emma", "Hugo", "Léa", "Louis", "Chloé", "Gabriel", "Manon"),
            Plain("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"),
            FamilyNameFirst: false,
            ["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Bordeaux", "Lille"],
            ["rue de la Paix", "avenue Victor Hugo", "rue Nationale", "boulevard Voltaire", "rue du Moulin"]),
        ["NL"] = new(Plain("Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Tess"),
            Plain("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser"),
            FamilyNameFirst: false,
            ["Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen"],
            ["Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenstraat", "Julianastraat"]),
    };

    private readonly Random _random;
    private readonly DateTime _now;
    private readonly TimeSpan _paymentWindow = new OrderOptions().PaymentTimeout;
    private readonly Dictionary<string, IReadOnlyList<(Product Product, Money Price)>> _productsByCurrency;
    private readonly HashSet<string> _numbers = [];

    /// <param name="products">The catalog with its prices, as the store sells it.</param>
    /// <param name="now">The end of the 90 days: the moment the store is about to be started on this history.</param>
    public OrderHistory(IReadOnlyCollection<Product> products, DateTime now, int seed)
    {
        _random = new Random(seed);
        _now = now;
        _productsByCurrency = Market.Currencies.ToDictionary(currency => currency, currency =>
            (IReadOnlyList<(Product, Money)>)products.Where(p => p.IsPublished && p.PriceIn(currency) is not null)
                .Select(p => (p, p.PriceIn(currency)!.Value)).ToList());
        if (_productsByCurrency.FirstOrDefault(p => p.Value.Count == 0) is { Key: { } unsold })
            throw new InvalidOperationException($"The catalog sells nothing in {unsold}: is the demo catalog seeded?");
    }

    /// <summary>The next order, placed at a random moment of the 90 days, with everything that has happened to it since.</summary>
    public Order Next()
    {
        var market = Market.Find(Pick(Markets))!;
        var placedAt = _now - Span * _random.NextDouble();
        var order = Order.Place(NewNumber(), shopperId: null, Contact(market.Country), Address(market), market, Lines(market), placedAt, _paymentWindow);
        var method = market.Country switch { "KR" => "kakaopay", "NL" => "ideal", _ => "scheme" };
        var redirects = method != "scheme";

        var attempt = StartPayment(order, method, redirects, placedAt + Seconds(5, 60));
        // Still at the payment page, its deadline at least half an hour away: nothing for the store's expiry during a run.
        var decidedAt = attempt.CreatedAt + Seconds(30, 600);
        if ((_now - placedAt < _paymentWindow - TimeSpan.FromMinutes(30) && _random.NextDouble() < 0.6) || decidedAt >= _now)
            return order;

        var fate = _random.NextDouble();
        var canExpire = order.PaymentDeadline <= _now;
        if (fate < 0.08 || (fate < 0.17 && !canExpire))
        {
            order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Refused, Psp(), RefusalReason: "Refused"), decidedAt, OrderEventSource.Return);
            order.TakeStockRelease();
            return order;
        }
        if (fate < 0.17)
        {
            // Left at the payment page: the order expires when its window closes.
            order.Expire(order.PaymentDeadline);
            order.TakeStockRelease();
            return order;
        }
        if (fate < 0.19)
        {
            order.Cancel("The shopper asked by phone to cancel before paying", Merchandiser, decidedAt);
            order.TakeStockRelease();
            return order;
        }
        if (fate < 0.22 && decidedAt + TimeSpan.FromMinutes(20) < _now)
        {
            // Refused, then paid on the second try (within 20 minutes).
            order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Refused, Psp(), RefusalReason: "Not enough balance"), decidedAt, OrderEventSource.Return);
            order.TakeStockRelease();
            order.ReopenForPayment(decidedAt + Seconds(60, 600), _paymentWindow);
            attempt = StartPayment(order, method, redirects, decidedAt + Seconds(600, 900));
            decidedAt = attempt.CreatedAt + Seconds(30, 300);
        }
        order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Authorised, Psp(), order.Total), decidedAt,
            _random.NextDouble() < 0.9 ? OrderEventSource.Return : OrderEventSource.Webhook);
        AfterPayment(order, decidedAt);
        return order;
    }

    /// <summary>Shipped, refunded, reversed or flagged, as far as the time since payment allows.</summary>
    private void AfterPayment(Order order, DateTime paidAt)
    {
        var shippedAt = paidAt + Seconds(6 * 3600, 48 * 3600);
        var shipped = shippedAt < _now && _random.NextDouble() < 0.93;
        if (shipped)
            order.MarkFulfilled(_random.NextDouble() < 0.5 ? "CJ Logistics" : "DHL", TrackingNumber(), Merchandiser, shippedAt);
        var afterwards = (shipped ? shippedAt : paidAt) + Seconds(3600, 10 * 86400);
        if (afterwards >= _now)
            return;

        var roll = _random.NextDouble();
        if (roll < 0.03)
            Refund(order, order.RefundableAmount, "Returned unopened", afterwards);
        else if (roll < 0.07)
            Refund(order, PartOf(order), "One item arrived damaged", afterwards);
        else if (roll < 0.09 && !shipped && order.Cancel("Out of stock at the warehouse", Merchandiser, afterwards) is { } reversal)
        {
            reversal.RecordSubmitted(Psp());
            order.ApplyModificationResult(reversal, true, reversal.PspReference, null, afterwards + Seconds(60, 3600), OrderEventSource.Webhook);
        }
        else if (roll < 0.095)
            order.Flag("The shopper says the parcel never arrived", afterwards, OrderEventSource.Merchandiser);
    }

    private void Refund(Order order, long amount, string reason, DateTime at)
    {
        var refund = order.RequestRefund(amount, reason, Merchandiser, at);
        refund.RecordSubmitted(Psp());
        order.ApplyModificationResult(refund, true, refund.PspReference, null, at + Seconds(60, 3600), OrderEventSource.Webhook);
    }

    /// <summary>One unit of the first line when there is more than one, else about half: a partial refund.</summary>
    private static long PartOf(Order order) =>
        order.Lines.Count > 1 || order.Lines[0].Quantity > 1 ? order.Lines[0].UnitPrice : Math.Max(1, order.TotalAmount / 2);

    private PaymentAttempt StartPayment(Order order, string method, bool redirects, DateTime at)
    {
        var attempt = order.StartAttempt(method, Guid.NewGuid().ToString("N"), at);
        if (redirects)
        {
            attempt.RecordRedirect(string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"redirect","paymentMethodType":"{{method}}","url":"https://checkoutshopper-test.adyen.com/checkoutshopper/checkoutPaymentRedirect?redirectData={{Psp()}}","method":"GET"}"""),
                at + Seconds(1, 3));
        }
        return attempt;
    }

    private List<OrderLine> Lines(Market market)
    {
        var products = _productsByCurrency[market.Currency];
        var count = Pick(LineCounts);
        return Enumerable.Range(0, count)
            .Select(_ => products[_random.Next(products.Count)])
            .DistinctBy(p => p.Product.Id)
            .Select(p => new OrderLine(p.Product.Id, p.Product.Slug, p.Product.Name, p.Product.ImagePath, p.Price.MinorUnits,
                Pick(Quantities), market.VatBasisPoints))
            .ToList();
    }

    private ContactDetails Contact(string country)
    {
        var people = PeopleOf[country];
        var (given, givenLatin) = people.Given[_random.Next(people.Given.Length)];
        var (family, familyLatin) = people.Family[_random.Next(people.Family.Length)];
        // Korean and Japanese shoppers write their name in their own script more often than not.
        var name = people.FamilyNameFirst
            ? _random.NextDouble() < 0.6 ? $"{family}{(country == "JP" ? " " : "")}{given}" : $"{familyLatin} {givenLatin}"
            : $"{given} {family}";
        var (first, last) = (Ascii(givenLatin), Ascii(familyLatin));
        var number = _random.Next(1, 1000).ToString(CultureInfo.InvariantCulture);
        var local = _random.Next(4) switch
        {
            0 => $"{first}.{last}{number}",
            1 => $"{last}.{first}",
            2 => $"{first}{last}{number}",
            _ => $"{first[0]}{last}{number}",
        };
        if (_random.NextDouble() < 0.1)
            local = char.ToUpperInvariant(local[0]) + local[1..]; // some type their address capitalised
        return new ContactDetails($"{local}@{EmailDomains[_random.Next(EmailDomains.Length)]}", name, Phone(country));
    }

    private string Phone(string country) => country switch
    {
        "KR" => _random.NextDouble() < 0.7 ? $"010-{Digits(4)}-{Digits(4)}" : $"+82 10 {Digits(4)} {Digits(4)}",
        "US" => $"+1 ({Digits(3, nonZeroFirst: true)}) {Digits(3)}-{Digits(4)}",
        "JP" => _random.NextDouble() < 0.7 ? $"090-{Digits(4)}-{Digits(4)}" : $"+81 90 {Digits(4)} {Digits(4)}",
        "GB" => $"+44 7{Digits(3)} {Digits(6)}",
        "DE" => $"+49 15{Digits(1)} {Digits(8)}",
        "FR" => $"+33 6 {Digits(2)} {Digits(2)} {Digits(2)} {Digits(2)}",
        _ => $"+31 6 {Digits(8)}",
    };

    private ShippingAddress Address(Market market)
    {
        var people = PeopleOf[market.Country];
        var street = people.Streets[_random.Next(people.Streets.Length)];
        var number = _random.Next(1, 250).ToString(CultureInfo.InvariantCulture);
        var line1 = market.Country is "DE" or "NL" ? $"{street} {number}" : $"{number} {street}";
        var line2 = _random.NextDouble() < 0.3 ? $"Apt {_random.Next(1, 40)}{(char)('A' + _random.Next(4))}" : null;
        var postalCode = market.Country switch
        {
            "KR" => Digits(5),
            "US" => Digits(5, nonZeroFirst: true),
            "JP" => $"{Digits(3, nonZeroFirst: true)}-{Digits(4)}",
            "GB" => $"SW{_random.Next(1, 20)} {_random.Next(1, 10)}{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}",
            "NL" => $"{Digits(4, nonZeroFirst: true)} {(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}",
            _ => Digits(5, nonZeroFirst: true),
        };
        return new ShippingAddress(line1, line2, people.Cities[_random.Next(people.Cities.Length)], postalCode, market.Country);
    }

    /// <summary>A number in the app's own format (<see cref="OrderNumbers.Next"/>), never one already given.</summary>
    private string NewNumber()
    {
        while (true)
        {
            var number = OrderNumbers.Next();
            if (_numbers.Add(number))
                return number;
        }
    }

    private string Psp() => string.Create(16, _random, (chars, random) =>
    {
        for (var i = 0; i < chars.Length; i++)
            chars[i] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"[random.Next(34)];
    });

    private string TrackingNumber() => Digits(12, nonZeroFirst: true);

    private string Digits(int count, bool nonZeroFirst = false) => string.Create(count, (_random, nonZeroFirst), (chars, state) =>
    {
        for (var i = 0; i < chars.Length; i++)
            chars[i] = (char)('0' + (i == 0 && state.nonZeroFirst ? state._random.Next(1, 10) : state._random.Next(10)));
    });

    private TimeSpan Seconds(int min, int max) => TimeSpan.FromSeconds(_random.Next(min, max));

    private T Pick<T>((T Value, int Weight)[] choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
                return value;
            roll -= weight;
        }
        throw new InvalidOperationException("Unreachable: the roll is below the total weight.");
    }

    /// <summary>A name as it goes into an e-mail address: "Müller" is "mueller", "Léa" is "lea", "de Jong" is "dejong".</summary>
    private static string Ascii(string name)
    {
        var folded = name.ToLowerInvariant().Replace("ü", "ue", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ä", "ae", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        return new string(folded.Where(char.IsAsciiLetter).ToArray());
    }

    private static (string Native, string Latin)[] Plain(params string[] names) => names.Select(n => (n, n)).ToArray();

    private sealed record People((string Native, string Latin)[] Given, (string Native, string Latin)[] Family, bool FamilyNameFirst,
        string[] Cities, string[] Streets);
}
