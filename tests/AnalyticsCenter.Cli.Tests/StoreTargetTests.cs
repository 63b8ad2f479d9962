using AnalyticsCenter.Cli.Stores;
using Npgsql;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>What <c>--db</c> names: a DuckDB file, a PostgreSQL database (as a URL or Npgsql's form), or something refused in words.</summary>
public sealed class StoreTargetTests
{
    private static NpgsqlConnectionStringBuilder Postgres(string text)
    {
        var target = StoreTarget.Parse(text, "--db");
        Assert.Null(target.FilePath);
        return new NpgsqlConnectionStringBuilder(target.ConnectionString);
    }

    private static string Refusal(string text) => Assert.Throws<UsageException>(() => StoreTarget.Parse(text, "--db")).Message;

    [Fact]
    public void A_postgresql_url_names_its_user_password_host_port_and_database()
    {
        var target = StoreTarget.Parse("postgresql://ana:s3cret@db.example.com:6543/analytics", "--db");
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal(
            ("db.example.com", 6543, "ana", "s3cret", "analytics"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal("PostgreSQL ana@db.example.com:6543/analytics", target.Description);
    }

    [Theory]
    [InlineData("postgresql://ana@localhost/analytics")]
    [InlineData("postgres://ana@localhost/analytics")]
    [InlineData("PostgreSQL://ana@localhost/analytics")]
    public void Both_schemes_are_postgresql_and_the_port_defaults_to_5432(string url)
    {
        var builder = Postgres(url);

        Assert.Equal(("localhost", 5432, "ana", "analytics"), (builder.Host, builder.Port, builder.Username, builder.Database));
        Assert.Null(builder.Password);
    }

    [Fact]
    public void Percent_encoded_parts_are_decoded()
    {
        var builder = Postgres("postgresql://an%61:p%40ss%3Aw%2Fo%23rd%25@localhost/my%20db");

        Assert.Equal(("ana", "p@ss:w/o#rd%", "my db"), (builder.Username, builder.Password, builder.Database));
    }

    [Fact]
    public void An_ipv6_host_is_written_in_brackets()
    {
        var target = StoreTarget.Parse("postgresql://ana@[::1]:5433/analytics", "--db");
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal(("::1", 5433), (builder.Host, builder.Port));
        Assert.Equal("PostgreSQL ana@[::1]:5433/analytics", target.Description);
        Assert.Contains("brackets", Refusal("postgresql://ana@::1:5433/analytics"), StringComparison.Ordinal);
    }

    [Fact]
    public void Known_query_parameters_pass_on_and_unknown_ones_are_refused()
    {
        var builder = Postgres("postgresql://ana@localhost/analytics?sslmode=verify-full&application_name=bi&connect_timeout=7");

        Assert.Equal((SslMode.VerifyFull, "bi", 7), (builder.SslMode, builder.ApplicationName, builder.Timeout));
        Assert.Equal(SslMode.Require, Postgres("postgresql://ana@localhost/analytics?sslmode=require").SslMode);
        Assert.Contains("\"pool\" is not one this program passes on", Refusal("postgresql://ana@localhost/analytics?pool=9"), StringComparison.Ordinal);
        Assert.Contains("sslmode must be", Refusal("postgresql://ana@localhost/analytics?sslmode=sometimes"), StringComparison.Ordinal);
        Assert.Contains("sslmode must be", Refusal("postgresql://ana@localhost/analytics?sslmode=3"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://ana@localhost")]
    [InlineData("postgresql://ana@localhost/")]
    [InlineData("postgresql://ana@localhost:5432/?sslmode=require")]
    public void A_url_without_a_database_is_refused(string url) =>
        Assert.Equal("--db: the PostgreSQL URL names no database: end it with /DATABASE (postgresql://user@host:5432/analytics)", Refusal(url));

    [Theory]
    [InlineData("postgresql://ana@localhost:0/analytics", "port")]
    [InlineData("postgresql://ana@localhost:99999/analytics", "port")]
    [InlineData("postgresql://ana@:5432/analytics", "no host")]
    [InlineData("postgresql://ana@a,b/analytics", "several hosts")]
    public void A_url_with_a_bad_host_or_port_is_refused(string url, string named) =>
        Assert.Contains(named, Refusal(url), StringComparison.Ordinal);

    [Fact]
    public void Npgsqls_own_form_is_postgresql_too()
    {
        var target = StoreTarget.Parse("Host=localhost;Port=5433;Database=analytics;Username=ana;Password=s3cret;SSL Mode=Disable", "--db");
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal(
            ("localhost", 5433, "analytics", "s3cret", SslMode.Disable), (builder.Host, builder.Port, builder.Database, builder.Password, builder.SslMode));
        Assert.Equal("PostgreSQL ana@localhost:5433/analytics", target.Description);
        Assert.Contains("needs Host= and Database=", Refusal("Host=localhost;Username=ana"), StringComparison.Ordinal);
        Assert.Contains("not a PostgreSQL connection string", Refusal("Host=localhost;Database=analytics;Colour=blue"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://ana:s3cret@localhost/analytics")]
    [InlineData("Host=localhost;Database=analytics;Username=ana;Password=s3cret")]
    public void The_description_never_shows_the_password(string text)
    {
        var target = StoreTarget.Parse(text, "--db");

        Assert.DoesNotContain("s3cret", target.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", target.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://ana@localhost/analytics", "mysql")]
    [InlineData("http://example.com/analytics.duckdb", "http")]
    [InlineData("postgresq://ana@localhost/analytics", "postgresq")]
    [InlineData("file:///tmp/analytics.duckdb", "file")]
    public void Any_other_url_is_refused_in_words(string url, string scheme) =>
        Assert.Equal(
            $"--db: {scheme}://… is not a store this program supports; give a DuckDB file path or a postgresql:// URL", Refusal(url));

    [Fact]
    public void A_refused_url_is_not_repeated_with_its_password() =>
        Assert.DoesNotContain("s3cret", Refusal("mysql://ana:s3cret@localhost/analytics"), StringComparison.Ordinal);

    [Theory]
    [InlineData("data/analytics.duckdb")]
    [InlineData("data/a:b.duckdb")]
    [InlineData(@"C:\stores\analytics.duckdb")]
    [InlineData("C:/stores/analytics.duckdb")]
    public void A_path_is_a_duckdb_file_even_with_a_colon(string path)
    {
        var target = StoreTarget.Parse(path, "--db");

        Assert.Equal(path, target.FilePath);
        Assert.Null(target.ConnectionString);
        Assert.StartsWith("DuckDB file ", target.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_variable_is_named_when_it_is_where_the_value_came_from() =>
        Assert.StartsWith("ANALYTICS_DB: mysql://…", Assert.Throws<UsageException>(() => StoreTarget.Parse("mysql://x", "ANALYTICS_DB")).Message,
            StringComparison.Ordinal);
}
