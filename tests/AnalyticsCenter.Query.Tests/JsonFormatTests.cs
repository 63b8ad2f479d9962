using System.Numerics;
using System.Text.Json;

namespace AnalyticsCenter.Query.Tests;

public sealed class JsonFormatTests
{
    [Fact]
    public async Task Writes_one_array_of_row_objects_keyed_by_column_name_one_row_per_line()
    {
        var (text, rows) = await Results.WriteAsync(Samples.Mixed(), ResultFormat.Json);

        Assert.Equal(5, rows);
        Assert.Equal(
            "[\n"
            + """{"id":1,"name":"plain","amount":12.50,"ratio":0.25,"active":true,"created_at":"2026-11-20T14:03:11Z","day":"2026-11-20"}""" + ",\n"
            + """{"id":2,"name":"comma, \"quote\"\r\nnew line","amount":-3,"ratio":"""
            + """1E+20,"active":false,"created_at":"2026-11-20T14:03:11.25Z","day":"2026-01-02"}""" + ",\n"
            + """{"id":3,"name":null,"amount":null,"ratio":null,"active":null,"created_at":null,"day":null}""" + ",\n"
            + """{"id":4,"name":"","amount":0,"ratio":-0.5,"active":true,"created_at":"2026-11-20T14:03:11Z","day":"1999-12-31"}""" + ",\n"
            + """{"id":5,"name":"José 😀 日本","amount":1234567.891,"ratio":null,"active":false,"created_at":"2026-11-20T14:03:11.25Z","day":"2026-02-28"}"""
            + "\n"
            + "]\n",
            text);
    }

    [Fact]
    public async Task The_output_parses_back_with_the_values_and_types_of_the_result()
    {
        var text = await Results.TextAsync(Samples.Mixed(), ResultFormat.Json);

        using var document = JsonDocument.Parse(text);
        var rows = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(5, rows.Length);
        Assert.Equal(
            ["id", "name", "amount", "ratio", "active", "created_at", "day"],
            rows[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(1, rows[0].GetProperty("id").GetInt64());
        Assert.Equal(12.5m, rows[0].GetProperty("amount").GetDecimal());
        Assert.Equal(0.25, rows[0].GetProperty("ratio").GetDouble());
        Assert.True(rows[0].GetProperty("active").GetBoolean());
        Assert.Equal("comma, \"quote\"\r\nnew line", rows[1].GetProperty("name").GetString());
        Assert.Equal(1e20, rows[1].GetProperty("ratio").GetDouble());
        Assert.Equal(
            new DateTimeOffset(Samples.Fractional, TimeSpan.Zero),
            rows[1].GetProperty("created_at").GetDateTimeOffset());
        Assert.All(rows[2].EnumerateObject().Skip(1), property => Assert.Equal(JsonValueKind.Null, property.Value.ValueKind));
        Assert.Equal(string.Empty, rows[3].GetProperty("name").GetString());
        Assert.Equal("José 😀 日本", rows[4].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, rows[4].GetProperty("ratio").ValueKind);
    }

    [Fact]
    public async Task A_result_without_rows_is_an_empty_array()
    {
        var reader = Results.Table([("session_id", typeof(string))]);

        var (text, rows) = await Results.WriteAsync(reader, ResultFormat.Json);

        Assert.Equal(0, rows);
        Assert.Equal("[]\n", text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(0, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Control_characters_are_escaped_and_other_characters_are_kept_readable()
    {
        var reader = Results.Table([("text", typeof(string))], ["tab\there \\ <b>&amp; 'q' \u0001 \u2028 ñ 👍🏽"]);

        var text = await Results.TextAsync(reader, ResultFormat.Json);

        Assert.Equal("[\n{\"text\":\"tab\\there \\\\ <b>&amp; 'q' \\u0001 \\u2028 ñ 👍🏽\"}\n]\n", text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal("tab\there \\ <b>&amp; 'q' \u0001 \u2028 ñ 👍🏽", document.RootElement[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_lone_surrogate_becomes_the_replacement_character()
    {
        var reader = Results.Table([("text", typeof(string))], ["a\uD800b"]);

        var text = await Results.TextAsync(reader, ResultFormat.Json);

        Assert.Equal("[\n{\"text\":\"a\uFFFDb\"}\n]\n", text);
    }

    [Fact]
    public async Task Every_integer_and_floating_point_type_is_a_json_number_and_non_finite_values_are_null()
    {
        var reader = new FakeDataReader(
            ["i8", "i16", "i32", "u8", "u16", "u32", "u64", "f32", "f64", "huge", "i128", "nan", "inf", "finf"],
            [typeof(sbyte), typeof(short), typeof(int), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong),
             typeof(float), typeof(double), typeof(BigInteger), typeof(Int128), typeof(double), typeof(double), typeof(float)],
            [[(sbyte)-8, (short)-16, -32, (byte)8, (ushort)16, 32u, ulong.MaxValue, 0.1f, 0.1,
              BigInteger.Parse("-170141183460469231731687303715884105728", System.Globalization.CultureInfo.InvariantCulture),
              Int128.MaxValue, double.NaN, double.NegativeInfinity, float.PositiveInfinity]]);

        var text = await Results.TextAsync(reader, ResultFormat.Json);

        Assert.Equal(
            "[\n{\"i8\":-8,\"i16\":-16,\"i32\":-32,\"u8\":8,\"u16\":16,\"u32\":32,\"u64\":18446744073709551615,"
            + "\"f32\":0.1,\"f64\":0.1,\"huge\":-170141183460469231731687303715884105728,"
            + "\"i128\":170141183460469231731687303715884105727,\"nan\":null,\"inf\":null,\"finf\":null}\n]\n",
            text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Number, document.RootElement[0].GetProperty("huge").ValueKind);
    }

    [Fact]
    public async Task Lists_structs_and_maps_are_json_arrays_and_objects()
    {
        var reader = new FakeDataReader(
            ["tags", "referral", "counts"],
            [typeof(List<string>), typeof(Dictionary<string, object>), typeof(Dictionary<int, long>)],
            [[
                new List<string?> { "a", null },
                new Dictionary<string, object?> { ["type"] = "Ad", ["at"] = Samples.Whole, ["ids"] = new List<long> { 1, 2 } },
                new Dictionary<int, long> { [7] = 70 },
            ]]);

        var text = await Results.TextAsync(reader, ResultFormat.Json);

        Assert.Equal(
            "[\n{\"tags\":[\"a\",null],\"referral\":{\"type\":\"Ad\",\"at\":\"2026-11-20T14:03:11Z\",\"ids\":[1,2]},\"counts\":{\"7\":70}}\n]\n",
            text);
    }

    [Fact]
    public async Task Duplicate_column_names_get_a_numeric_suffix_so_no_key_is_lost()
    {
        var reader = new FakeDataReader(
            ["id", "id", "id_2", "id"],
            [typeof(long), typeof(long), typeof(long), typeof(long)],
            [[1L, 2L, 3L, 4L]]);

        var text = await Results.TextAsync(reader, ResultFormat.Json);

        Assert.Equal("[\n{\"id\":1,\"id_3\":2,\"id_2\":3,\"id_4\":4}\n]\n", text);
    }

    [Fact]
    public async Task Column_names_are_escaped_as_json_property_names()
    {
        var reader = new FakeDataReader(["say \"hi\"", "año"], [typeof(long), typeof(long)], [[1L, 2L]]);

        var text = await Results.TextAsync(reader, ResultFormat.Json);

        Assert.Equal("[\n{\"say \\\"hi\\\"\":1,\"año\":2}\n]\n", text);
    }
}
