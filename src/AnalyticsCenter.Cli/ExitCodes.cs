namespace AnalyticsCenter.Cli;

/// <summary>The command line's exit codes: a contract scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>Bad usage, or SQL that was refused or is invalid.</summary>
    public const int Usage = 2;
}
