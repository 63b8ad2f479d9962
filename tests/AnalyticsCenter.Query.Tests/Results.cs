using System.Data;
using System.Data.Common;
using System.Text;

namespace AnalyticsCenter.Query.Tests;

/// <summary>Builds test results and writes them to text.</summary>
internal static class Results
{
    /// <summary>A DataTable reader with the given columns and rows (null is DBNull).</summary>
    public static DbDataReader Table(IEnumerable<(string Name, Type Type)> columns, params object?[][] rows)
    {
        using var table = new DataTable();
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type);
        }

        foreach (var row in rows)
        {
            table.Rows.Add(Array.ConvertAll(row, value => value ?? DBNull.Value));
        }

        return table.CreateDataReader();
    }

    /// <summary>Writes the reader in the format and returns the UTF-8 text and the returned row count.</summary>
    public static async Task<(string Text, long Rows)> WriteAsync(
        DbDataReader reader,
        ResultFormat format,
        ResultWriterOptions? options = null)
    {
        using var output = new MemoryStream();
        var rows = await ResultWriter.WriteAsync(reader, format, output, options, TestContext.Current.CancellationToken);
        var bytes = output.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "No byte order mark.");
        return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), rows);
    }

    /// <summary>Writes the reader in the format and returns the UTF-8 text.</summary>
    public static async Task<string> TextAsync(DbDataReader reader, ResultFormat format, ResultWriterOptions? options = null) =>
        (await WriteAsync(reader, format, options)).Text;
}
