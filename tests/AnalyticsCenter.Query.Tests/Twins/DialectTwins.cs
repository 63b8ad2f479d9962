using System.Data.Common;
using System.Text;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>
/// Runs a statement's DuckDB and PostgreSQL texts over the same rows, one through each run function, and compares what
/// the product would write of each: the CSV of <see cref="ResultWriter"/>, which is how a value's type shows to users
/// (a DOUBLE 600 and a numeric 600.0 differ there).
/// </summary>
public sealed class DialectTwins(QueryRun duckDb, QueryRun postgreSql)
{
    /// <summary>The CSV both dialects give; fails when they differ.</summary>
    /// <param name="sql">The statement's text in a dialect.</param>
    /// <param name="parameters">The values, the same for both.</param>
    /// <param name="ordered">False for a statement with no order (a table export): then the rows are compared sorted.</param>
    public async Task<string> AssertSameCsvAsync(Func<SqlDialect, string> sql, IReadOnlyDictionary<string, object?> parameters, bool ordered = true)
    {
        var duckDbCsv = await duckDb(sql(SqlDialect.DuckDb), parameters, Csv);
        var postgreSqlCsv = await postgreSql(sql(SqlDialect.PostgreSql), parameters, Csv);
        Assert.Equal(Rows(duckDbCsv, ordered), Rows(postgreSqlCsv, ordered));
        return duckDbCsv;
    }

    /// <summary>Both dialects refuse the statement with these values (a bad grain, an unknown zone).</summary>
    public async Task AssertBothFailAsync(Func<SqlDialect, string> sql, IReadOnlyDictionary<string, object?> parameters)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => duckDb(sql(SqlDialect.DuckDb), parameters, Csv));
        await Assert.ThrowsAnyAsync<Exception>(() => postgreSql(sql(SqlDialect.PostgreSql), parameters, Csv));
    }

    private static async Task<string> Csv(DbDataReader reader)
    {
        using var output = new MemoryStream();
        await ResultWriter.WriteAsync(reader, ResultFormat.Csv, output, null, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string[] Rows(string csv, bool ordered)
    {
        var rows = csv.Split("\r\n");
        return ordered ? rows : [rows[0], .. rows.Skip(1).Order(StringComparer.Ordinal)];
    }
}
