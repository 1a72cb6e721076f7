namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>A RAG status as the pack shows it: the word (never colour alone), its fill and a readable text colour.</summary>
public sealed record RagColour(string Code, string Label, string Fill, string Text)
{
    public string Css => "rag-" + Code.ToLowerInvariant();
}

/// <summary>The pack's colours, defined once: HTML (CSS and SVG), PDF and Excel all take them from here.</summary>
public static class Palette
{
    public static readonly RagColour Green = new("GREEN", "Green", "#00703c", "#ffffff");
    public static readonly RagColour Amber = new("AMBER", "Amber", "#f47738", "#0b0c0c");
    public static readonly RagColour Red = new("RED", "Red", "#d4351c", "#ffffff");
    public static readonly RagColour None = new("NONE", "No target", "#dee0e2", "#0b0c0c");
    public static IReadOnlyList<RagColour> All { get; } = [Green, Amber, Red, None];

    public static RagColour Rag(string? rag) => rag?.ToUpperInvariant() switch
    {
        "GREEN" => Green,
        "AMBER" => Amber,
        "RED" => Red,
        _ => None,
    };

    /// <summary>Series colours in order (first series, second, ...).</summary>
    public static IReadOnlyList<string> Series { get; } = ["#1d70b8", "#912b88", "#28a197", "#6f72af"];
    public const string Target = "#0b0c0c";
    public const string StatNeighbour = "#6f777b";
    public const string Grid = "#dee0e2";
    public const string Axis = "#505a5f";
    public const string Ink = "#0b0c0c";
    public const string Muted = "#505a5f";
    public const string Rule = "#b1b4b6";
    public const string Band = "#e8f1f8";
}
