namespace ChildrensWarehouse.Reports;

/// <summary>The pack cannot be made as asked: a missing warehouse or definition, an unknown council or period, or
/// options that contradict each other. The message names the file or option at fault.</summary>
public sealed class ReportPackException(string message) : Exception(message);
