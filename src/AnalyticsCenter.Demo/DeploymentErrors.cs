namespace AnalyticsCenter.Demo;

/// <summary>
/// Why deployments fail: WhatsApp's own error codes and titles, and the platform's string codes, weighted
/// so that a few reasons dominate as they do in practice.
/// </summary>
internal static class DeploymentErrors
{
    private static readonly (double Weight, byte[] Json)[] s_errors =
    [
        (27, RawJson.Error(131049, null, "This message was not delivered to maintain healthy ecosystem engagement", null)),
        (4, RawJson.Error(131049, null, "This message was not delivered to maintain healthy ecosystem engagement",
            "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.")),
        (20, RawJson.Error(131026, null, "Message undeliverable", null)),
        (4, RawJson.Error(131026, null, "Message undeliverable", "Message Undeliverable.")),
        (12, RawJson.Error(null, "FAILURE_BY_OPTOUT_CONTACT", "Contact opted out", null)),
        (7, RawJson.Error(131047, null, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")),
        (6, RawJson.Error(130472, null, "User's number is part of an experiment", null)),
        (4, RawJson.Error(131000, null, "Something went wrong", null)),
        (1, RawJson.Error(131000, null, "Something went wrong", "Message failed to send due to an unknown error.")),
        (5, RawJson.Error(null, "INVALID_PHONE", null, null)),
        (3, RawJson.Error(131051, null, "Unsupported message type", null)),
        (2, RawJson.Error(131031, null, "Account has been locked", null)),
        (1, RawJson.Error(131021, null, "Recipient cannot be sender", null)),
        (1, RawJson.Error(null, null, "Message undeliverable", null)),
    ];

    private static readonly double[] s_cumulative = Rng.Cumulative([.. s_errors.Select(e => e.Weight)]);

    public static byte[] Get(int index) => s_errors[index].Json;

    public static sbyte Pick(Rng rng) => (sbyte)rng.Pick(s_cumulative);
}
