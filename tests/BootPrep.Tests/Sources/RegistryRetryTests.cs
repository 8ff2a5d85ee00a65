using System.Net;
using System.Text;
using BootPrep.Errors;
using BootPrep.Sources.Registry;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>
/// The registry client against a scripted HTTP handler (transient failures are hard to make a real registry give):
/// a busy registry or a broken connection is asked again, at most three times; a refusal is not.
/// </summary>
public sealed class RegistryRetryTests
{
    private const string Manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}";

    private static readonly RegistryReference s_reference = RegistryReference.Parse("docker://registry.example/os/bootable:42");

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    public void A_busy_registry_is_asked_again(HttpStatusCode busy)
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(busy), _ => Ok());
        using var client = new RegistryClient(s_reference, RegistryOptions.Default, TestHosts.X86_64, handler);

        var (body, _, _) = client.Manifest("42");

        Assert.Equal(Manifest, Encoding.UTF8.GetString(body));
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public void A_broken_connection_is_tried_again()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("reset", new IOException("connection reset by peer")), _ => Ok());
        using var client = new RegistryClient(s_reference, RegistryOptions.Default, TestHosts.X86_64, handler);

        client.Manifest("42");

        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public void Three_busy_answers_are_an_error_saying_to_try_later()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var client = new RegistryClient(s_reference, RegistryOptions.Default, TestHosts.X86_64, handler);

        var error = Assert.Throws<BootPrepException>(() => client.Manifest("42"));

        Assert.Equal(3, handler.Requests);
        Assert.Equal("docker://registry.example/os/bootable:42: manifest 42: the registry answered 503 Service Unavailable 3 times; try again later", error.OneLine);
    }

    [Fact]
    public void A_not_found_is_not_asked_again()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        using var client = new RegistryClient(s_reference, RegistryOptions.Default, TestHosts.X86_64, handler);

        Assert.Equal(BootPrepErrorKind.ImageNotFound, Assert.Throws<BootPrepException>(() => client.Manifest("42")).Kind);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public void A_manifest_whose_digest_is_not_the_claimed_one_is_refused()
    {
        var handler = new ScriptedHandler(_ =>
        {
            var response = Ok();
            response.Headers.Add("Docker-Content-Digest", "sha256:" + new string('0', 64));
            return response;
        });
        using var client = new RegistryClient(s_reference, RegistryOptions.Default, TestHosts.X86_64, handler);

        Assert.Equal(BootPrepErrorKind.DigestMismatch, Assert.Throws<BootPrepException>(() => client.Manifest("42")).Kind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"token\": 5}")]
    [InlineData("[]")]
    public void A_token_server_answer_without_a_token_is_named(string answer)
    {
        var handler = new ScriptedHandler(
            _ =>
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.ParseAdd("Bearer realm=\"https://auth.example/token\",service=\"registry\"");
                return challenge;
            },
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer) });
        using var client = new RegistryClient(s_reference, RegistryOptions.Default, TestHosts.X86_64, handler);

        var error = Assert.Throws<BootPrepException>(() => client.Manifest("42"));

        Assert.Equal(BootPrepErrorKind.Unauthorized, error.Kind);
        Assert.EndsWith("token from auth.example: the token server's answer is not JSON holding a token", error.OneLine, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Ok() => new(HttpStatusCode.OK)
    {
        Content = new StringContent(Manifest, Encoding.UTF8, "application/vnd.oci.image.manifest.v1+json"),
    };

    /// <summary>Answers the n-th request with the n-th step (the last one repeats), counting requests.</summary>
    private sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] steps) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            steps[Math.Min(Requests++, steps.Length - 1)](request);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
