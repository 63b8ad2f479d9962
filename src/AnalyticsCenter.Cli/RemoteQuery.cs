using System.Data;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli;

/// <summary><c>analytics query --server URL --key KEY</c>: the same query through a running server's API.</summary>
internal static class RemoteQuery
{
    public static async Task<int> Run(string server, string key, string sql, ResultFormat format, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(
                "api/v1/query", new { sql, format = format == ResultFormat.Csv ? "csv" : "json" }, ct);
        }
        catch (HttpRequestException ex)
        {
            return CommandRunner.Fail($"cannot reach the server at {server}: {ex.Message}", ExitCodes.Failure);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : response.ReasonPhrase;
                return CommandRunner.Fail(
                    $"{(response.StatusCode == HttpStatusCode.BadRequest ? "refused" : "the server said")}: {detail}",
                    response.StatusCode == HttpStatusCode.BadRequest ? ExitCodes.Usage : ExitCodes.Failure);
            }

            await using var stdout = Console.OpenStandardOutput();
            if (format != ResultFormat.Table)
            {
                await response.Content.CopyToAsync(stdout, ct);
                return ExitCodes.Success;
            }

            // The grid is drawn here from the JSON rows, as the local query draws it.
            using var rows = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            using var table = new DataTable();
            foreach (var row in rows.RootElement.EnumerateArray())
            {
                var values = new List<object?>();
                foreach (var cell in row.EnumerateObject())
                {
                    if (!table.Columns.Contains(cell.Name))
                    {
                        table.Columns.Add(cell.Name, typeof(string));
                    }

                    values.Add(cell.Value.ValueKind == JsonValueKind.Null ? DBNull.Value : cell.Value.ToString());
                }

                table.Rows.Add([.. values]);
            }

            using var reader = table.CreateDataReader();
            await ResultWriter.WriteAsync(reader, ResultFormat.Table, stdout, null, ct);
            return ExitCodes.Success;
        }
    }
}
