using System.Text.Json;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class TelemetryReceiptTests
{
    [Fact]
    public void A_receipt_names_the_reason_only_when_readings_were_not_kept()
    {
        var kept = JsonSerializer.Serialize(TelemetryReceipt.From(new IngestResult(60, 1, 2, 3)), ApiJson.Options);
        var backfill = JsonSerializer.Serialize(
            TelemetryReceipt.From(new IngestResult(1_510, 0, 0, 0, NotKept: 1_450, NotKeptReason: NotKeptReason.OlderThanWindow)), ApiJson.Options);

        Assert.Equal("""{"accepted":60,"outOfOrder":1,"invalid":2,"discontinuities":3,"notKept":0}""", kept);
        Assert.Equal("""{"accepted":1510,"outOfOrder":0,"invalid":0,"discontinuities":0,"notKept":1450,"notKeptReason":"older_than_window"}""", backfill);
    }
}
