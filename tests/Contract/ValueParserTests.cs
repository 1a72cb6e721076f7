using System.Globalization;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>The contract's date and timestamp parsers accept exactly what the framework's exact parsing of the contract formats accepts.</summary>
public class ValueParserTests
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    private static void Agrees(string text)
    {
        var dateExpected = text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var dateActual = ValueParser.TryParseDate(text, out var a) ? a : (DateOnly?)null;
        if (dateActual != dateExpected) Assert.Fail($"date '{text}': {dateActual} but the framework gives {dateExpected}");
        var timeExpected = (text.Length == 16 || text.Length == 19)
            && DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (DateTime?)null;
        var timeActual = ValueParser.TryParseTimestamp(text, out var b) ? b : (DateTime?)null;
        if (timeActual != timeExpected || (timeActual is { } x && x.Kind != timeExpected!.Value.Kind))
        {
            Assert.Fail($"timestamp '{text}': {timeActual} but the framework gives {timeExpected}");
        }
    }

    [TestCase("2016-02-29")] [TestCase("2015-02-29")] [TestCase("2000-02-29")] [TestCase("1900-02-29")] [TestCase("0000-01-01")]
    [TestCase("0001-01-01")] [TestCase("9999-12-31")] [TestCase("2016-13-01")] [TestCase("2016-00-10")] [TestCase("2016-04-31")]
    [TestCase("2016-4-30")] [TestCase("2016/04/30")] [TestCase(" 2016-04-30")] [TestCase("2016-04-30 ")] [TestCase("+016-04-30")]
    [TestCase("2016-04-30T00:00")] [TestCase("2016-04-30T23:59:59")] [TestCase("2016-04-30T24:00")] [TestCase("2016-04-30T23:60")]
    [TestCase("2016-04-30T23:59:60")] [TestCase("2016-04-30 10:00")] [TestCase("2016-04-30T10:00Z")] [TestCase("2016-04-30T1:00:00")]
    [TestCase("2016-04-30T10:00:0")] [TestCase("2016-04-30t10:00")] [TestCase("2016-04-30T10.00")] [TestCase("2016-04-30T10:00.00")]
    [TestCase("٢٠١٦-04-30")] [TestCase("2016-04-3٠")] [TestCase("")]
    public void Accepts_exactly_what_the_framework_parses(string text) => Agrees(text);

    [Test]
    public void Agrees_with_the_framework_on_random_near_dates()
    {
        var random = new Random(20261123);
        const string alphabet = "0123456789-T: +/Z.٣";
        for (var n = 0; n < 200_000; n++)
        {
            var valid = new DateTime(2000, 1, 1).AddMinutes(random.Next(0, 60 * 24 * 366 * 30)).AddSeconds(random.Next(60));
            var text = random.Next(3) switch
            {
                0 => valid.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                1 => valid.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                _ => valid.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            };
            var chars = text.ToCharArray();
            for (var m = random.Next(0, 3); m > 0; m--) chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            Agrees(new string(chars));
        }
    }
}
