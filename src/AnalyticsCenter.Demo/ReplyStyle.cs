namespace AnalyticsCenter.Demo;

/// <summary>What a user answers to a node's prompt.</summary>
internal enum ReplyStyle : byte
{
    Free,
    Button,
    Interactive,
    Name,
    Email,
    City,
    OrderNumber,
    Rating,
}
