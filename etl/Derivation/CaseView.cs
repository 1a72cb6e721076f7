using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Derivation;

/// <summary>
/// Turns the validated extract into per-child cases as the case system stood at the as-at moment (KPIS.md "As-at"):
/// a row whose start or event is after as-at is ignored; an end, decision or authorisation after as-at has not
/// happened yet, and neither has the outcome that goes with it. This is the only place that cut is made.
/// </summary>
public sealed class CaseView
{
    private readonly DateTime _asAt;
    private readonly DateOnly _asAtDate;

    public CaseView(DateTime asAt)
    {
        _asAt = asAt;
        _asAtDate = DateOnly.FromDateTime(asAt);
    }

    private bool Happened(DateOnly d) => d <= _asAtDate;
    private bool Happened(DateTime t) => t <= _asAt;
    private DateOnly? IfHappened(DateOnly? d) => d is { } x && Happened(x) ? x : null;


    private static Func<string, int> Columns(Extract extract, string table)
    {
        var spec = extract[table].Spec;
        var cache = spec.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return name => cache[name];
    }

    public IEnumerable<Contact> Contacts(Extract extract)
    {
        var c = Columns(extract, "contacts");
        foreach (var r in extract["contacts"].Rows)
        {
            var received = r.Timestamp(c("received_at"))!.Value;
            if (!Happened(received)) continue;
            var decision = r.Timestamp(c("decision_at"));
            var decided = decision is { } d && Happened(d);
            yield return new Contact(r.Text(c("contact_id"))!, r.Text(c("child_id"))!, received, r.Text(c("source"))!,
                decided ? decision : null, decided ? r.Text(c("outcome")) : null, r.Text(c("worker_id")));
        }
    }

    public IEnumerable<Referral> Referrals(Extract extract)
    {
        var c = Columns(extract, "referrals");
        foreach (var r in extract["referrals"].Rows)
        {
            var date = r.Date(c("referral_date"))!.Value;
            if (!Happened(date)) continue;
            var closure = IfHappened(r.Date(c("closure_date")));
            yield return new Referral(r.Text(c("referral_id"))!, r.Text(c("child_id"))!, r.Text(c("contact_id")), date,
                r.Text(c("source"))!, r.Text(c("primary_need")), closure, closure is null ? null : r.Text(c("closure_reason")));
        }
    }

    public IEnumerable<Assessment> Assessments(Extract extract)
    {
        var c = Columns(extract, "assessments");
        foreach (var r in extract["assessments"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            var authorised = IfHappened(r.Date(c("authorised_date")));
            yield return new Assessment(r.Text(c("assessment_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, start,
                authorised, authorised is null ? null : r.Text(c("outcome")), r.Text(c("worker_id")));
        }
    }

    public IEnumerable<ClaEpisode> ClaEpisodes(Extract extract)
    {
        var c = Columns(extract, "cla_episodes");
        foreach (var r in extract["cla_episodes"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            var end = IfHappened(r.Date(c("end_date")));
            yield return new ClaEpisode(r.Text(c("episode_id"))!, r.Text(c("child_id"))!, start, end, r.Text(c("legal_status"))!,
                r.Text(c("reason_new_episode"))!, r.Text(c("placement_type"))!, end is null ? null : r.Text(c("reason_ceased")), r.Text(c("carer_id")));
        }
    }

    public IEnumerable<Child> Children(Extract extract)
    {
        var c = Columns(extract, "children");
        foreach (var r in extract["children"].Rows)
        {
            yield return new Child(r.Text(c("child_id"))!, r.Date(c("date_of_birth")), r.Text(c("sex"))!, IfHappened(r.Date(c("date_of_death"))));
        }
    }

    /// <summary>Every child's case, children in child_id order, each record list in date order.</summary>
    public IEnumerable<ChildCase> Cases(Extract extract)
    {
        var contacts = Contacts(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var referrals = Referrals(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var assessments = Assessments(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var episodes = ClaEpisodes(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        foreach (var child in Children(extract).OrderBy(c => c.ChildId, StringComparer.Ordinal))
        {
            yield return new ChildCase
            {
                Child = child,
                Contacts = contacts[child.ChildId].OrderBy(x => x.ReceivedAt).ThenBy(x => x.ContactId, StringComparer.Ordinal).ToList(),
                Referrals = referrals[child.ChildId].OrderBy(x => x.ReferralDate).ThenBy(x => x.ReferralId, StringComparer.Ordinal).ToList(),
                Assessments = assessments[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.AssessmentId, StringComparer.Ordinal).ToList(),
                ClaEpisodes = episodes[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.EpisodeId, StringComparer.Ordinal).ToList(),
            };
        }
    }
}
