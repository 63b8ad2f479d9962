namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>
/// PostgreSQL 15's server programs: Debian's folder by default, or the folder named by <see cref="FolderVariable"/>.
/// </summary>
public sealed class PostgresBinaries
{
    /// <summary>Names another folder holding initdb, pg_ctl and postgres (another version or distribution).</summary>
    public const string FolderVariable = "ANALYTICS_PG_BIN";

    private const string DebianFolder = "/usr/lib/postgresql/15/bin";

    private static readonly string[] s_programs = ["initdb", "pg_ctl", "postgres"];

    private PostgresBinaries(string folder) => Folder = folder;

    public string Folder { get; }

    public string InitDb => Path.Combine(Folder, "initdb");

    public string PgCtl => Path.Combine(Folder, "pg_ctl");

    /// <summary>The programs, or null with <paramref name="missing"/> saying what is absent and what to install.</summary>
    public static PostgresBinaries? Find(out string missing)
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen ? chosen : DebianFolder;
        var absent = s_programs.Where(program => !File.Exists(Path.Combine(folder, program))).ToList();
        if (absent.Count > 0)
        {
            missing = $"PostgreSQL 15 is not installed: {string.Join(", ", absent)} not found in {folder}. "
                + $"Install Debian's packages (apt-get install postgresql-15 postgresql-client-15, as ./test.sh does) "
                + $"or set {FolderVariable} to the folder holding initdb, pg_ctl and postgres.";
            return null;
        }

        // initdb and postgres refuse to run as root; as root the tests run them as the postgres user Debian's package creates.
        if (Environment.IsPrivilegedProcess && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            missing = "The tests run as root, and PostgreSQL refuses to: they need the postgres system user to run it as "
                + "(Debian's postgresql-15 package creates it; apt-get install postgresql-15).";
            return null;
        }

        missing = "";
        return new PostgresBinaries(folder);
    }
}
