using System.Data.Common;
using System.Globalization;

namespace AnalyticsCenter.Query;

/// <summary>
/// The column names written in every format. A name that repeats an earlier column's name gets the
/// suffix <c>_2</c>, <c>_3</c>, … (skipping suffixes that are names of other columns), so that JSON
/// objects never hold duplicate keys and all formats show the same names.
/// </summary>
internal static class ColumnNames
{
    /// <summary>The unique column names of the reader's current result, in column order.</summary>
    public static string[] Unique(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var names = new string[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i) ?? string.Empty;
        }

        return MakeUnique(names);
    }

    /// <summary>Renames repeated names as described on the type.</summary>
    public static string[] MakeUnique(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var original = new HashSet<string>(names, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new string[names.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var name = names[i];
            if (!used.Add(name))
            {
                var suffix = 2;
                string candidate;
                do
                {
                    candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{suffix++}");
                }
                while (original.Contains(candidate) || used.Contains(candidate));

                used.Add(candidate);
                name = candidate;
            }

            result[i] = name;
        }

        return result;
    }
}
