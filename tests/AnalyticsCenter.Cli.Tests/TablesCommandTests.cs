namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics tables upload|list|delete</c> through the real program: an upload is queried by name in its workspace only,
/// a bad file is refused naming its line and column with nothing stored, and <c>--replace</c>/<c>--append</c> do what they say.
/// </summary>
public sealed class TablesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-tables-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_uploaded_table_is_listed_and_queried_by_name_in_its_workspace_only()
    {
        var upload = Run("tables", "upload", "--workspace", "acme", "--name", "ad_spend",
            File("spend.csv", "date,meta_source_id,spend\n2026-03-01,ad1,12.50\n2026-03-02,ad1,7\n"));
        Assert.Equal(0, upload.ExitCode);
        Assert.Contains("stored 2 rows to table ad_spend of workspace acme", upload.Output, StringComparison.Ordinal);

        var list = Run("tables", "list", "--workspace", "acme");
        Assert.Contains("date:date, meta_source_id:text, spend:decimal", list.Output, StringComparison.Ordinal);
        var sum = Run("query", "--workspace", "acme", "--format", "csv", "SELECT sum(spend) AS total FROM ad_spend");
        Assert.Equal("total\n19.5", sum.Output.Trim().ReplaceLineEndings("\n"));
        var other = Run("query", "--workspace", "globex", "SELECT * FROM ad_spend");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("table \"ad_spend\" is not available", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_names_its_line_and_column_and_nothing_is_stored()
    {
        Assert.Equal(0, Run("tables", "upload", "--workspace", "acme", "--name", "first", File("first.csv", "a\n1\n")).ExitCode);
        var result = Run("tables", "upload", "--workspace", "acme", "--name", "ad_spend", "--type", "spend=decimal",
            File("bad.csv", "date,spend\n2026-03-01,1\n2026-03-02,1k\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("upload refused, nothing stored: line 3, column 2 (spend): \"1k\"", result.Error, StringComparison.Ordinal);
        var list = Run("tables", "list", "--workspace", "acme").Output;
        Assert.Contains("first", list, StringComparison.Ordinal);
        Assert.DoesNotContain("ad_spend", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_and_append_change_the_table_and_delete_removes_it()
    {
        Run("tables", "upload", "--workspace", "acme", "--name", "tags", File("a.csv", "phone,tag\n+5511,vip\n"));
        Assert.Equal(1, Run("tables", "upload", "--workspace", "acme", "--name", "tags", File("b.csv", "phone,tag\n+5512,new\n")).ExitCode);
        Assert.Equal(0, Run("tables", "upload", "--workspace", "acme", "--name", "tags", "--append", File("b.csv", "phone,tag\n+5512,new\n")).ExitCode);
        Assert.Equal("2", Run("query", "--workspace", "acme", "--format", "csv", "SELECT count(*) AS n FROM tags").Output.Trim().Split('\n')[^1]);
        Assert.Equal(0, Run("tables", "upload", "--workspace", "acme", "--name", "tags", "--replace", File("c.csv", "phone\n+5513\n")).ExitCode);
        Assert.Equal("1", Run("query", "--workspace", "acme", "--format", "csv", "SELECT count(*) AS n FROM tags").Output.Trim().Split('\n')[^1]);
        Assert.Equal(2, Run("tables", "upload", "--workspace", "acme", "--name", "tags", "--replace", "--append", File("c.csv", "phone\n1\n")).ExitCode);

        Assert.Equal(0, Run("tables", "delete", "--workspace", "acme", "--name", "tags").ExitCode);
        Assert.Equal(1, Run("tables", "delete", "--workspace", "acme", "--name", "tags").ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
