using System.Data.Common;

namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>Runs one statement with named parameter values (name without sigil → value) and hands its streaming result to <paramref name="read"/>.</summary>
public delegate Task<string> QueryRun(string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<string>> read);
