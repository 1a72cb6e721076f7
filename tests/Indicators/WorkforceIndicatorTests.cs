using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Indicators;

public class WorkforceIndicatorTests
{
    [Test]
    public void Caseloads_supervision_and_in_house_carers_at_the_period_end()
    {
        var x = new TestExtract();
        x.Row("teams", ("team_id", "T1"), ("team_name", "Safeguarding 1"), ("service_area", "FAMILY_SUPPORT"));
        void Worker(string id, string role, string start, string? end = null) =>
            x.Row("workers", ("worker_id", id), ("display_name", "Worker " + id), ("team_id", "T1"), ("role", role), ("fte", "1.0"), ("start_date", start), ("end_date", end));
        Worker("W1", "QSW", "2014-01-01");
        Worker("W2", "ASYE", "2015-01-01");
        Worker("W3", "TEAM_MANAGER", "2010-01-01");
        Worker("W4", "QSW", "2012-01-01", "2016-01-31");   // left on E: not employed at E
        Worker("W5", "QSW", "2016-02-01");                 // starts after E
        var n = 0;
        void Allocate(string worker, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var child = $"A{++n:00}";
                x.Child(child);
                x.Row("allocations", ("allocation_id", "AL" + child), ("child_id", child), ("worker_id", worker), ("start_date", "2015-06-01"));
            }
        }
        Allocate("W1", 21);
        Allocate("W2", 2);
        Allocate("W3", 1);
        Allocate("W4", 1);
        x.Row("case_supervisions", ("supervision_id", "S1"), ("child_id", "A01"), ("worker_id", "W3"), ("supervision_date", "2016-01-31"));
        x.Row("case_supervisions", ("supervision_id", "S2"), ("child_id", "A02"), ("worker_id", "W3"), ("supervision_date", "2015-12-31"));  // a month before E: outside
        void Carer(string id, string type, string approved, string? deregistered = null) =>
            x.Row("foster_carers", ("carer_id", id), ("carer_type", type), ("approved_date", approved), ("deregistered_date", deregistered), ("places", "2"));
        Carer("FC1", "IN_HOUSE", "2010-01-01");
        Carer("FC2", "IN_HOUSE", "2015-01-01", "2016-01-31");
        Carer("FC3", "IFA", "2010-01-01");
        Carer("FC4", "IN_HOUSE", "2016-01-31");
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // K28: W1 and W2 employed at E (headcount 2) hold 21 + 2 = 23 open allocations: 11.5.
        var k28 = run.Kpi("K28", "2016-01-31");
        Assert.That((k28.Numerator, k28.Denominator, k28.Value), Is.EqualTo((23m, (decimal?)2m, (decimal?)11.5m)));
        // K28X: W1 holds more than 20: 1 of 2.
        var k28x = run.Kpi("K28X", "2016-01-31");
        Assert.That((k28x.Numerator, k28x.Denominator, k28x.Value), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        // K24: 25 children with an open allocation; A01 supervised in (2015-12-31, 2016-01-31]: 1 of 25 = 4.
        var k24 = run.Kpi("K24", "2016-01-31");
        Assert.That((k24.Numerator, k24.Denominator, k24.Value), Is.EqualTo((1m, (decimal?)25m, (decimal?)4m)));
        // K27: FC1 and FC4 (approved on E); FC2 deregistered on E; FC3 is an agency carer: 2.
        Assert.That(run.Kpi("K27", "2016-01-31").Value, Is.EqualTo(2m));
        // Before the allocations started nobody holds a case: 0 of 2 workers (W1, W2 employed at 2015-05-31).
        Assert.That(run.Kpi("K28", "2015-05-31").Value, Is.EqualTo(0m));
    }
}
