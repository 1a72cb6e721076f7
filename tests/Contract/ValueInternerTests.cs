using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>A table read keeps one copy of each repeated text and date, and the values themselves unchanged.</summary>
public class ValueInternerTests
{
    [Test]
    public void Repeated_texts_and_dates_share_one_copy_and_the_row_key_is_left_alone()
    {
        var visits = CaseSystemContract.Get("visits");
        var extractedAt = new DateTime(2016, 2, 1, 6, 0, 0);
        var interner = new ValueInterner(visits);
        object?[] Row(string visitId, string childId, string date)
        {
            var fields = visits.Columns.Select(c => c.Name switch
            {
                "visit_id" => visitId,
                "child_id" => childId,
                "visit_date" => date,
                "visit_type" => "CP",
                "seen" => "Y",
                "last_modified" => "2016-01-31T10:00:00",
                _ => null,
            }).Select(f => f is null ? null : new string(f.AsSpan())).ToArray();
            var (values, column, why) = ExtractReader.ValidateRow(visits, fields, extractedAt, interner);
            Assert.That(why, Is.Null, $"{column}: {why}");
            return values!;
        }
        var first = Row("V1", "C1", "2016-01-04");
        var second = Row("V2", "C1", "2016-01-04");
        int Col(string name) => visits.IndexOf(name);

        Assert.That(second[Col("child_id")], Is.EqualTo("C1"));
        Assert.That(ReferenceEquals(first[Col("child_id")], second[Col("child_id")]), Is.True, "one copy of the child's id");
        Assert.That(second[Col("visit_date")], Is.EqualTo(new DateOnly(2016, 1, 4)));
        Assert.That(ReferenceEquals(first[Col("visit_date")], second[Col("visit_date")]), Is.True, "one boxed date");

        var again = Row("V1", "C2", "2016-01-05");
        Assert.That(ReferenceEquals(first[Col("visit_id")], again[Col("visit_id")]), Is.False, "the table's own key is not pooled");
        Assert.That(again[Col("child_id")], Is.EqualTo("C2"));
        Assert.That(again[Col("visit_date")], Is.EqualTo(new DateOnly(2016, 1, 5)));
        Assert.That(ValueInterner.Date(new DateOnly(1066, 10, 14)), Is.EqualTo(new DateOnly(1066, 10, 14)), "a day outside the shared range is boxed as it is");
    }
}
