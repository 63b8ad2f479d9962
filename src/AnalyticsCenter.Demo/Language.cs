namespace AnalyticsCenter.Demo;

/// <summary>The language a user writes in, which picks the texts of messages.</summary>
internal enum Language
{
    Spanish = 0,
    English = 1,
    Portuguese = 2,
}
