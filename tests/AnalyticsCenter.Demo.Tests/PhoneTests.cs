using System.Text.Json;

namespace AnalyticsCenter.Demo.Tests;

public sealed class PhoneTests
{
    [Fact]
    public void Every_user_phone_is_a_valid_number_by_libphonenumber()
    {
        var phones = UserPhones(Sample.WithoutDefects.Lines)
            .Concat(UserPhones(Sample.Generate(new DemoOptions { Seed = 3, Events = 20_000, Workspaces = 9, End = Sample.End, IncludeDefects = false }).Lines))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(phones.Count > 1_000);
        Assert.All(phones, phone => Assert.True(ContractCheck.IsValidPhone(phone), $"{phone} is not a valid number"));
    }

    [Fact]
    public void Phones_come_from_many_countries_and_sometimes_with_a_plus()
    {
        var phones = UserPhones(Sample.WithoutDefects.Lines).ToList();
        var countries = phones.Select(ContractCheck.CountryCode).ToHashSet();

        Assert.Superset(new HashSet<int> { 57, 52, 1, 593, 55, 54, 51, 56, 34, 502 }, countries);
        Assert.Contains(phones, p => p.StartsWith('+'));
        Assert.Contains(phones, p => p.StartsWith("549", StringComparison.Ordinal) && p.Length == 13);
        Assert.True(phones.Count(p => p.StartsWith('+')) < phones.Count / 10);
    }

    [Fact]
    public void Line_numbers_are_digits_with_a_country_code_and_have_display_names()
    {
        var lines = new HashSet<(string, string, string)>();
        foreach (var line in Sample.WithoutDefects.Lines)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("line", out var lineObject))
            {
                lines.Add((root.GetProperty("workspace_id").GetString()!,
                    lineObject.GetProperty("number").GetString()!, lineObject.GetProperty("display_name").GetString()!));
            }
        }

        Assert.Contains(("acme", "5215550001111", "Acme Support"), lines);
        Assert.All(lines, l => Assert.True(l.Item2.Length >= 10 && l.Item2.All(char.IsAsciiDigit)));
        foreach (var workspace in lines.GroupBy(l => l.Item1))
        {
            Assert.InRange(workspace.Count(), 1, 3);
        }

        Assert.Contains(lines.GroupBy(l => l.Item1), g => g.Count() > 1);
    }

    private static IEnumerable<string> UserPhones(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("user", out var user))
            {
                yield return user.GetProperty("phone").GetString()!;
            }
        }
    }
}
