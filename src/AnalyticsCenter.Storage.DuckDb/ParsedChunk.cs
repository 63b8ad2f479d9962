namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>A chunk's lines parsed, in input order, and how far into the input the chunk ends.</summary>
internal sealed record ParsedChunk(ParsedLine[] Lines, long BytesRead);
