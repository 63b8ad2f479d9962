using System.IO.Compression;
using System.Text;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query.Uploads;
using MiniExcelLibs;
using Parquet.Serialization;

namespace AnalyticsCenter.Query.Tests.Uploads;

public sealed class UploadReaderTests
{
    private static readonly IReadOnlyDictionary<string, UploadColumnType> s_noTypes = new Dictionary<string, UploadColumnType>();

    private static Task<UploadedTable> ReadCsv(string text, UploadLimits? limits = null, IReadOnlyDictionary<string, UploadColumnType>? types = null) =>
        UploadReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), UploadFormat.Csv, "ad_spend", types ?? s_noTypes,
            limits ?? new UploadLimits(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Each_column_takes_the_narrowest_type_all_its_values_read_as()
    {
        var table = await ReadCsv(
            "Date,Meta Source ID,Spend,Clicks,Active,At,Local At,Phone\n" +
            "2026-03-01,ad1,12.50,3,true,2026-03-01T10:00:00Z,2026-03-01 10:00,+5511999990000\n" +
            "2026-03-02,ad2,7,,FALSE,2026-03-02T10:00:00+02:00,2026-03-02 11:30:15,0044123\n");

        Assert.Equal(
            ["date:Date", "meta_source_id:Text", "spend:ExactNumber", "clicks:WholeNumber", "active:Boolean", "at:TimestampTz",
                "local_at:Timestamp", "phone:Text"],
            table.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(new DateOnly(2026, 3, 1), table.Rows[0][0]);
        Assert.Equal(12.50m, table.Rows[0][2]);
        Assert.Null(table.Rows[1][3]);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc), table.Rows[1][5]);
        Assert.Equal("0044123", table.Rows[1][7]);
    }

    [Fact]
    public async Task A_named_type_wins_and_a_value_that_does_not_fit_is_refused_with_its_line_and_column()
    {
        var types = UploadColumnTypes.ParseOverrides(["spend=decimal"]);
        var ex = await Assert.ThrowsAsync<UploadRejectedException>(() => ReadCsv("date,spend\n2026-03-01,1.5\n\n2026-03-02,\"12,00\"\n", types: types));

        Assert.Contains("line 4, column 2 (spend)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"12,00\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_longer_than_fifteen_digits_stay_text_as_identifiers_unless_named()
    {
        const string Ids = "meta_source_id,clicks\n120210000000000001,3\n";

        Assert.Equal(UploadColumnType.Text, (await ReadCsv(Ids)).Columns[0].Type);
        Assert.Equal(UploadColumnType.WholeNumber, (await ReadCsv(Ids, types: UploadColumnTypes.ParseOverrides(["meta_source_id=integer"]))).Columns[0].Type);
    }

    [Fact]
    public async Task A_quoted_value_may_hold_separators_quotes_and_line_breaks()
    {
        var table = await ReadCsv("tag,note\nvip,\"a, \"\"b\"\"\nc\"\n");

        Assert.Equal("a, \"b\"\nc", table.Rows[0][1]);
    }

    [Fact]
    public async Task Formula_like_text_is_kept_as_text_exactly()
    {
        var table = await ReadCsv("tag\n=HYPERLINK(\"http://x\")\n@SUM(A1)\n");

        Assert.Equal(UploadColumnType.Text, table.Columns[0].Type);
        Assert.Equal("=HYPERLINK(\"http://x\")", table.Rows[0][0]);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("sessions")]
    [InlineData("Ad_Spend")]
    [InlineData("pg_class")]
    [InlineData("a b")]
    [InlineData("")]
    public async Task Path_like_reserved_and_malformed_table_names_are_refused(string name)
    {
        await Assert.ThrowsAsync<UploadRejectedException>(() => UploadReader.ReadAsync(
            new MemoryStream("a\n1\n"u8.ToArray()), UploadFormat.Csv, name, s_noTypes, new UploadLimits(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_refused_as_it_is_read()
    {
        var ex = await Assert.ThrowsAsync<UploadRejectedException>(
            () => ReadCsv("a\n" + new string('1', 5000), new UploadLimits { MaxBytesPerWorkspace = 1000 }));

        Assert.Contains("larger than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_and_columns_past_their_limits_are_refused()
    {
        await Assert.ThrowsAsync<UploadRejectedException>(() => ReadCsv("a\n1\n2\n3\n", new UploadLimits { MaxRows = 2 }));
        await Assert.ThrowsAsync<UploadRejectedException>(() => ReadCsv("a,b,c\n1,2,3\n", new UploadLimits { MaxColumns = 2 }));
    }

    [Fact]
    public async Task A_row_with_more_values_than_the_header_is_refused_with_its_line()
    {
        var ex = await Assert.ThrowsAsync<UploadRejectedException>(() => ReadCsv("a,b\n1,2\n1,2,3\n"));

        Assert.StartsWith("line 3 has 3 values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parquet_file_reads_with_its_own_column_names_and_types()
    {
        var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(
            new[] { new SpendRow { Day = new DateTime(2026, 3, 1), Source = "ad1", Spend = 12.5 } }, file,
            cancellationToken: TestContext.Current.CancellationToken);
        file.Position = 0;

        var table = await UploadReader.ReadAsync(file, UploadFormat.Parquet, "ad_spend", s_noTypes, new UploadLimits(), TestContext.Current.CancellationToken);

        Assert.Equal(["day:Date", "source:Text", "spend:ExactNumber"], table.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(12.5m, table.Rows[0][2]);
    }

    [Fact]
    public async Task An_xlsx_sheet_reads_its_first_row_as_the_header()
    {
        var file = new MemoryStream();
        await file.SaveAsAsync(
            new[] { new Dictionary<string, object> { ["phone"] = "+5511999990000", ["tag"] = "vip", ["score"] = 3 } },
            cancellationToken: TestContext.Current.CancellationToken);
        file.Position = 0;

        var table = await UploadReader.ReadAsync(
            file, UploadFormat.Xlsx, "audience_tags", s_noTypes, new UploadLimits(), TestContext.Current.CancellationToken);

        Assert.Equal(["phone:Text", "tag:Text", "score:WholeNumber"], table.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal("vip", table.Rows[0][1]);
    }

    [Fact]
    public async Task An_xlsx_that_unpacks_past_its_bound_is_refused_before_it_is_read()
    {
        // A zip bomb in small: a few kilobytes that unpack to 10 MB.
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize)
                .OpenAsync(TestContext.Current.CancellationToken);
            await entry.WriteAsync(new byte[10 << 20], TestContext.Current.CancellationToken);
        }

        file.Position = 0;
        Assert.True(file.Length < 100_000);

        var ex = await Assert.ThrowsAsync<UploadRejectedException>(() => UploadReader.ReadAsync(
            file, UploadFormat.Xlsx, "bomb", s_noTypes, new UploadLimits { MaxXlsxUnpackedBytes = 1 << 20 }, TestContext.Current.CancellationToken));
        Assert.Contains("unpacked is larger than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_xlsx_is_refused_in_words()
    {
        await Assert.ThrowsAsync<UploadRejectedException>(() => UploadReader.ReadAsync(
            new MemoryStream("not a zip"u8.ToArray()), UploadFormat.Xlsx, "t", s_noTypes, new UploadLimits(), TestContext.Current.CancellationToken));
    }

    private sealed class SpendRow
    {
        public DateTime Day { get; set; }

        public string Source { get; set; } = "";

        public double Spend { get; set; }
    }
}
