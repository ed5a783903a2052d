using Microsoft.AspNetCore.Http;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class RequestBodyTests
{
    private static HttpRequest Request(int bytes, bool announceLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[bytes]);
        if (announceLength) context.Request.ContentLength = bytes;
        return context.Request;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_refused_whether_or_not_its_length_was_announced(bool announceLength)
    {
        Assert.Null(await RequestBody.ReadAsync(Request(1001, announceLength), 1000, CancellationToken.None));
        Assert.Equal(1000, (await RequestBody.ReadAsync(Request(1000, announceLength), 1000, CancellationToken.None))!.Length);
    }
}
