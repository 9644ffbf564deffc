//! Sends requests: base URL, headers, credentials, timeout and retries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use reqwest::Url;

// The types of `send`'s signature, so callers need no `bytes` or `reqwest` of their own.
pub use bytes::Bytes;
pub use reqwest::{Body, Method};

use super::body::{MultipartBody, RawBody};
use super::envelope;
use super::error::Error;
use super::retry::{self, Attempt};
use super::secret::{Redactor, Secret};
use super::validation::{Rule, ValidationError};

/// Default of [`HttpConfig::max_response_bytes`]: 32 MiB. A page of a list
/// operation is rarely over 1 MiB; the limit leaves room for 30 times that,
/// and a call's worst case stays a small share of a machine's memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// Most of a body reserved up front from its `Content-Length`; a server that
/// announces a large body and sends little costs no more than this.
const MAX_PREALLOCATION: u64 = 1024 * 1024;

/// Everything an [`HttpClient`] needs.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// The API's base URL (the schema's default, or a stand-in); a trailing `/` is ignored.
    pub base_url: String,
    /// Longest wait for one attempt, from sending to the last byte of the body.
    pub timeout: Duration,
    /// Longest wait for a whole call: every attempt and every wait between
    /// attempts. An attempt gets what is left of it when less than `timeout`;
    /// a retry whose wait would end past it is not made.
    pub total_timeout: Duration,
    /// How many times a failed attempt may be repeated.
    pub max_retries: u32,
    /// Largest response body read, in bytes; a larger one is
    /// [`Error::ResponseTooLarge`], found from `Content-Length` before reading
    /// or by reading no more than this.
    pub max_response_bytes: u64,
    /// Most pages one auto-paging stream fetches (see [`super::paginate`]).
    pub max_pages: u32,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// The configured auth schemes, most preferred first: an operation that
    /// accepts any scheme sends the first; one that names the schemes it
    /// accepts sends the first of those configured.
    pub auth_schemes: Vec<AuthScheme>,
    /// A client of the caller's (proxies, custom roots, middleware), used as
    /// it is; `None` builds one with TLS from the crate's features and no
    /// redirects followed.
    pub client: Option<reqwest::Client>,
}

/// One auth scheme whose credentials are all set.
#[derive(Debug, Clone)]
pub struct AuthScheme {
    /// The scheme's name in the API description, e.g. `token`.
    pub name: &'static str,
    /// Its credential headers, for example `("Authorization", "Bearer …")`.
    pub headers: Vec<(&'static str, Secret)>,
}

/// A request body.
#[derive(Debug)]
pub enum RequestBody {
    /// JSON, already serialised; sent with `Content-Type: application/json`.
    Json(Bytes),
    /// A stream, sent as it comes. It cannot be replayed, so it is never retried.
    Stream(Body),
    /// A body sent as given with this content type; retried only when it is bytes.
    Raw {
        /// A media type, checked by the generator.
        content_type: &'static str,
        /// The bytes or the stream.
        body: RawBody,
    },
    /// A `multipart/form-data` form; retried only when no part is a stream.
    Multipart(MultipartBody),
}

impl RequestBody {
    /// Whether a retry could send the body again.
    fn replayable(&self) -> bool {
        match self {
            RequestBody::Json(_) => true,
            RequestBody::Stream(_) => false,
            RequestBody::Raw { body, .. } => body.is_replayable(),
            RequestBody::Multipart(form) => form.is_replayable(),
        }
    }
}

/// A 2xx response, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, when it was sent and is text.
    pub content_type: Option<String>,
    /// The body, at most `max_response_bytes` long.
    pub body: Bytes,
}

/// The `Accept` header of requests for JSON, the default.
pub const ACCEPT_JSON: &str = "application/json";
/// The `Accept` header of requests for bytes or text: anything.
pub const ACCEPT_ANY: &str = "*/*";

/// Everything one call sends, besides what the client adds (base URL,
/// `User-Agent`, credentials).
#[derive(Debug)]
pub struct Request<'a> {
    /// The operation's name, for error messages (`notes.create`).
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// Percent-encoded, relative to the base URL.
    pub path: &'a str,
    /// Percent-encoded, without the `?`; empty for none.
    pub query: &'a str,
    /// Header parameters: lowercase names, values checked by `build()`.
    pub headers: Vec<(&'static str, String)>,
    /// The body, if any.
    pub body: Option<RequestBody>,
    /// The auth schemes the operation accepts: `None` for any (the client's
    /// preferred one is sent), `Some(&[])` for none (no credentials are sent).
    pub auth: Option<&'static [&'static str]>,
    /// The `Accept` header: [`ACCEPT_JSON`] unless the response is bytes or text.
    pub accept: &'static str,
}

impl<'a> Request<'a> {
    /// A request with no header parameters or body that accepts any scheme.
    pub fn new(operation: &'static str, method: Method, path: &'a str, query: &'a str) -> Self {
        Self {
            operation,
            method,
            path,
            query,
            headers: Vec::new(),
            body: None,
            auth: None,
            accept: ACCEPT_JSON,
        }
    }
}

/// An operation's request as its `send_*` function makes it, owned, with
/// the path still to check: every operation then shares one async body,
/// [`HttpClient::call`].
#[derive(Debug)]
pub struct Call {
    /// As in [`Request`].
    pub operation: &'static str,
    pub method: Method,
    /// The checked, percent-encoded path, or what `build()` would refuse.
    pub path: Result<String, ValidationError>,
    pub query: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<RequestBody>,
    pub auth: Option<&'static [&'static str]>,
    pub accept: &'static str,
}

impl Call {
    /// A call with no header parameters or body that accepts any scheme.
    pub fn new(
        operation: &'static str,
        method: Method,
        path: Result<String, ValidationError>,
        query: String,
    ) -> Self {
        Self {
            operation,
            method,
            path,
            query,
            headers: Vec::new(),
            body: None,
            auth: None,
            accept: ACCEPT_JSON,
        }
    }
}

/// Sends requests to one API with one set of credentials. Cloning is cheap
/// and clones share connections.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    /// Without its trailing `/`.
    base_url: String,
    timeout: Duration,
    total_timeout: Duration,
    max_retries: u32,
    max_response_bytes: u64,
    max_pages: u32,
    user_agent: String,
    user_agent_header: HeaderValue,
    /// Each configured scheme's name and credential headers, most preferred first.
    auth: Vec<(&'static str, HeaderMap)>,
    /// The same schemes' names and header names as configured, for `Debug`.
    auth_names: Vec<(&'static str, Vec<&'static str>)>,
    redactor: Redactor,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names of the credential headers only, never their values.
        f.debug_struct("HttpClient")
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .field("total_timeout", &self.inner.total_timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("max_pages", &self.inner.max_pages)
            .field("user_agent", &self.inner.user_agent)
            .field("auth_schemes", &self.inner.auth_names)
            .finish()
    }
}

impl HttpClient {
    /// Checks the configuration and builds the connection pool (rustls).
    pub fn new(config: HttpConfig) -> Result<Self, Error> {
        let base_url = check_base_url(&config.base_url)?;
        if config.timeout.is_zero() || config.total_timeout.is_zero() {
            return Err(Error::Config("the timeout must be more than zero".into()));
        }
        if config.max_pages == 0 {
            return Err(Error::Config("max_pages must be at least 1".into()));
        }
        if config.auth_schemes.iter().all(|s| s.headers.is_empty()) {
            return Err(Error::Config(
                "no credentials: set every credential of at least one auth scheme".into(),
            ));
        }
        // Sent with every request, not set on the client: a caller's client is used as it is.
        let user_agent_header = HeaderValue::from_str(&config.user_agent)
            .map_err(|_| Error::Config(format!("invalid User-Agent {:?}", config.user_agent)))?;
        let mut auth = Vec::with_capacity(config.auth_schemes.len());
        for scheme in &config.auth_schemes {
            let mut scheme_headers = HeaderMap::new();
            for (name, secret) in &scheme.headers {
                let header_name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::Config(format!("invalid header name {name:?}")))?;
                if secret.expose().is_empty() {
                    return Err(Error::Config(format!("credential header {name} is empty")));
                }
                // The value is not quoted: it is a credential.
                let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| {
                    Error::Config(format!(
                        "credential header {name} holds characters a header cannot"
                    ))
                })?;
                // Sensitive values are left out of `Debug` and of HTTP/2 header compression.
                value.set_sensitive(true);
                scheme_headers.insert(header_name, value);
            }
            auth.push((scheme.name, scheme_headers));
        }
        let client = match config.client {
            Some(client) => client,
            None => default_client()?,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                base_url,
                timeout: config.timeout,
                total_timeout: config.total_timeout,
                max_retries: config.max_retries,
                max_response_bytes: config.max_response_bytes,
                max_pages: config.max_pages,
                user_agent: config.user_agent,
                user_agent_header,
                auth,
                auth_names: config
                    .auth_schemes
                    .iter()
                    .map(|s| (s.name, s.headers.iter().map(|(name, _)| *name).collect()))
                    .collect(),
                redactor: Redactor::new(
                    config
                        .auth_schemes
                        .iter()
                        .flat_map(|s| s.headers.iter().map(|(_, secret)| secret)),
                ),
            }),
        })
    }

    /// The base URL, without its trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Most pages one auto-paging stream fetches.
    pub fn max_pages(&self) -> u32 {
        self.inner.max_pages
    }

    /// `error` with the client's credentials taken out of everything it can
    /// print. [`Self::send`] does this itself; decoders of a body it returned
    /// know no credentials, so their errors pass through here.
    pub fn redact(&self, error: Error) -> Error {
        self.inner.redactor.error(error)
    }

    /// Sends `method` to `base_url/path?query`, retrying as [`retry`] says,
    /// and returns the status and body of a 2xx response. `path` and `query`
    /// must be percent-encoded already; they are sent as given.
    ///
    /// Any other status is [`Error::Api`] (redirects are not followed); a body
    /// with `"success": false` under a 2xx is left to the decoders of
    /// [`envelope`]. The whole call, retries and waits included, ends within
    /// `total_timeout`; a body over `max_response_bytes` is
    /// [`Error::ResponseTooLarge`]. Errors never hold a credential.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &str,
        body: Option<RequestBody>,
    ) -> Result<(u16, Bytes), Error> {
        let mut request = Request::new("request", method, path, query);
        request.body = body;
        let response = self.execute(request).await?;
        Ok((response.status, response.body))
    }

    /// Sends `request` as [`Self::send`] does, with its header parameters,
    /// its body and the credentials of the first configured scheme it
    /// accepts. An operation that accepts no configured scheme fails here,
    /// before anything is sent.
    pub async fn execute(&self, request: Request<'_>) -> Result<Response, Error> {
        #[cfg(feature = "tracing")]
        let span = tracing::debug_span!(
            "request",
            operation = request.operation,
            method = %request.method,
            path = request.path,
        );
        let sent = self.send_within_budget(request);
        #[cfg(feature = "tracing")]
        let sent = tracing::Instrument::instrument(sent, span);
        sent.await.map_err(|error| self.redact(error))
    }

    /// Sends `call` (nothing when its path is refused) and reads the 2xx
    /// response with `decode`; every error is redacted.
    pub async fn call<T>(&self, call: Call, decode: fn(Response) -> Result<T, Error>) -> Result<T, Error> {
        let path = call.path?;
        let request = Request {
            operation: call.operation,
            method: call.method,
            path: &path,
            query: &call.query,
            headers: call.headers,
            body: call.body,
            auth: call.auth,
            accept: call.accept,
        };
        let response = self.execute(request).await?;
        decode(response).map_err(|error| self.redact(error))
    }

    /// The credential headers `accepted` lets this call send.
    fn credentials(
        &self,
        operation: &str,
        accepted: Option<&[&str]>,
    ) -> Result<Option<&HeaderMap>, Error> {
        let Some(accepted) = accepted else {
            return Ok(self.inner.auth.first().map(|(_, headers)| headers));
        };
        if accepted.is_empty() {
            return Ok(None);
        }
        self.inner
            .auth
            .iter()
            .find(|(name, _)| accepted.contains(name))
            .map(|(_, headers)| Some(headers))
            .ok_or_else(|| {
                let configured: Vec<&str> = self.inner.auth.iter().map(|(name, _)| *name).collect();
                Error::Config(format!(
                    "{operation} accepts only the auth schemes {}; the client has {} configured",
                    accepted.join(", "),
                    configured.join(", ")
                ))
            })
    }

    async fn send_within_budget(&self, request: Request<'_>) -> Result<Response, Error> {
        let deadline = Instant::now() + self.inner.total_timeout;
        let Request {
            operation,
            method,
            path,
            query,
            headers: params_headers,
            body,
            auth,
            accept,
        } = request;
        let url = self.url(path, query)?;
        let credentials = self.credentials(operation, auth)?;
        let mut headers = credentials.cloned().unwrap_or_default();
        headers.insert(USER_AGENT, self.inner.user_agent_header.clone());
        let accept = HeaderValue::from_str(accept).map_err(|_| {
            Error::Config(format!("invalid Accept header {accept:?}"))
        })?;
        headers.insert(ACCEPT, accept);
        for (name, value) in params_headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid header name {name:?}")))?;
            // `build()` refused values a header cannot hold; kept total all the same.
            let header_value = HeaderValue::from_str(&value).map_err(|_| {
                ValidationError::new(name, &value, Rule::HeaderValue)
            })?;
            headers.insert(header_name, header_value);
        }
        let replayable = body.as_ref().is_none_or(RequestBody::replayable);
        let mut body = body;
        let mut retries_done = 0;
        loop {
            let mut request = self
                .inner
                .client
                .request(method.clone(), url.clone())
                .headers(headers.clone());
            match &mut body {
                None => {}
                Some(RequestBody::Json(json)) => {
                    request = request
                        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                        .body(json.clone());
                }
                Some(RequestBody::Stream(_)) => {
                    if let Some(RequestBody::Stream(stream)) = body.take() {
                        request = request.body(stream);
                    }
                }
                Some(RequestBody::Raw { content_type, body }) => {
                    let content_type = HeaderValue::from_str(content_type).map_err(|_| {
                        Error::Config(format!("invalid content type {content_type:?}"))
                    })?;
                    let body = body.take().ok_or_else(|| {
                        Error::Config("the request body's stream was sent already".into())
                    })?;
                    request = request.header(CONTENT_TYPE, content_type).body(body);
                }
                Some(RequestBody::Multipart(form)) => {
                    request = request.multipart(form.form().map_err(Error::Config)?);
                }
            }
            let may_retry = replayable && retries_done < self.inner.max_retries;
            let attempt_time = self
                .inner
                .timeout
                .min(deadline.saturating_duration_since(Instant::now()));
            let attempt = self.attempt(request, may_retry, retries_done, deadline);
            let (kind, error) = match tokio::time::timeout(attempt_time, attempt).await {
                Ok(Ok(AttemptEnd::Response(response))) => {
                    trace_event!(status = response.status, bytes = response.body.len(), "response");
                    return Ok(response);
                }
                Ok(Ok(AttemptEnd::RetryAfter(wait))) => {
                    trace_event!(retry = retries_done + 1, wait_ms = wait.as_millis() as u64, "retrying after a status worth retrying");
                    tokio::time::sleep(wait).await;
                    retries_done += 1;
                    continue;
                }
                Ok(Err(failed)) => failed,
                Err(_elapsed) => (Some(Attempt::Timeout), Error::Timeout),
            };
            if let Some(kind) = kind {
                if may_retry && retry::should_retry(kind) {
                    let wait = retry::wait_time(retries_done, None);
                    if Instant::now() + wait < deadline {
                        // A transport error or a timeout: neither quotes a credential.
                        trace_event!(retry = retries_done + 1, wait_ms = wait.as_millis() as u64, error = %error, "retrying after a failed attempt");
                        tokio::time::sleep(wait).await;
                        retries_done += 1;
                        continue;
                    }
                }
            }
            return Err(error);
        }
    }

    /// One attempt: its response, or the wait before the next attempt when
    /// the status is worth retrying and the wait ends before `deadline`.
    async fn attempt(
        &self,
        request: reqwest::RequestBuilder,
        may_retry: bool,
        retries_done: u32,
        deadline: Instant,
    ) -> Result<AttemptEnd, (Option<Attempt>, Error)> {
        let response = request.send().await.map_err(failed_attempt)?;
        let status = response.status().as_u16();
        let attempt = Attempt::Response {
            status,
            should_retry_header: retry::should_retry_header(response.headers()),
        };
        if may_retry && retry::should_retry(attempt) {
            let wait = retry::wait_time(retries_done, Some(response.headers()));
            // The body of a response about to be retried is not needed.
            if Instant::now() + wait < deadline {
                return Ok(AttemptEnd::RetryAfter(wait));
            }
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = read_body(response, self.inner.max_response_bytes).await?;
        if !(200..300).contains(&status) {
            let (errors, messages) = envelope::error_messages(&body);
            return Err((None, Error::api(status, errors, messages, &body)));
        }
        Ok(AttemptEnd::Response(Response {
            status,
            content_type,
            body,
        }))
    }

    /// `base_url/path?query`, parsed once. Parsing leaves `%XX`, `+` and the
    /// unreserved characters alone, which is all an encoded path or query holds.
    fn url(&self, path: &str, query: &str) -> Result<Url, Error> {
        let path = path.strip_prefix('/').unwrap_or(path);
        let mut text =
            String::with_capacity(self.inner.base_url.len() + path.len() + query.len() + 2);
        text.push_str(&self.inner.base_url);
        text.push('/');
        text.push_str(path);
        if !query.is_empty() {
            text.push('?');
            text.push_str(query);
        }
        Url::parse(&text)
            .map_err(|e| Error::Config(format!("cannot form a URL from path {path:?}: {e}")))
    }
}

/// The client built when the caller gives none: TLS from the crate's
/// features (`rustls`, the default, or `native-tls`), and no redirect
/// followed (one to another host would carry the credential headers along).
fn default_client() -> Result<reqwest::Client, Error> {
    let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
    #[cfg(feature = "rustls")]
    let builder = builder.use_rustls_tls();
    #[cfg(all(feature = "native-tls", not(feature = "rustls")))]
    let builder = builder.use_native_tls();
    builder
        .build()
        .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))
}

/// How an attempt that did not fail ended.
enum AttemptEnd {
    /// A 2xx response.
    Response(Response),
    /// A response worth retrying after this wait.
    RetryAfter(Duration),
}

/// The body of `response`, read chunk by chunk and never past `limit` bytes.
async fn read_body(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Bytes, (Option<Attempt>, Error)> {
    let status = response.status().as_u16();
    let too_large = || (None, Error::ResponseTooLarge { status, limit });
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let capacity = announced.unwrap_or(0).min(limit).min(MAX_PREALLOCATION);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(failed_attempt)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        if body.is_empty() && announced == Some(chunk.len() as u64) {
            // The whole body in one chunk: keep it without a copy.
            return Ok(chunk);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// The kind of attempt a reqwest error ends (`None`: not worth retrying) and its error.
fn failed_attempt(error: reqwest::Error) -> (Option<Attempt>, Error) {
    if error.is_timeout() {
        (Some(Attempt::Timeout), Error::Timeout)
    } else if error.is_builder() {
        (
            None,
            Error::Config(format!("cannot build the request: {error}")),
        )
    } else {
        (Some(Attempt::ConnectionError), Error::Transport(error.into()))
    }
}

/// The base URL without its trailing `/`, if it is an absolute `http(s)` URL
/// with a host and no user info, query or fragment.
fn check_base_url(base_url: &str) -> Result<String, Error> {
    let bad = |why: &str| Error::Config(format!("invalid base URL {base_url:?}: {why}"));
    let trimmed = base_url.trim_end_matches('/');
    let url = Url::parse(trimmed).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    // User info would show in transport errors; credentials go in `auth_headers`.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "invalid base URL: user info is not allowed; give credentials as headers".into(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("a query or fragment is not allowed"));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> HttpConfig {
        HttpConfig {
            base_url: base_url.into(),
            timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(5),
            max_retries: 2,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_pages: 10,
            user_agent: "test/1".into(),
            client: None,
            auth_schemes: vec![AuthScheme {
                name: "token",
                headers: vec![("Authorization", Secret::new("Bearer sekrit"))],
            }],
        }
    }

    #[test]
    fn base_url_is_checked_and_trimmed() {
        let client = HttpClient::new(config("https://api.example.com/v1/")).unwrap();
        assert_eq!(client.base_url(), "https://api.example.com/v1");
        for bad in [
            "",
            "api.example.com",
            "ftp://x",
            "https://u:p@x",
            "https://x?a=1",
            "https://x#f",
            "http://",
        ] {
            assert!(
                matches!(HttpClient::new(config(bad)), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn user_info_is_not_echoed() {
        let Err(Error::Config(message)) = HttpClient::new(config("https://user:pw@x")) else {
            panic!("expected Config");
        };
        assert!(!message.contains("pw"), "{message}");
    }

    #[test]
    fn credentials_are_required_and_never_printed() {
        for (zero_timeout, zero_total, zero_pages) in
            [(true, false, false), (false, true, false), (false, false, true)]
        {
            let mut zero = config("https://x");
            if zero_timeout {
                zero.timeout = Duration::ZERO;
            }
            if zero_total {
                zero.total_timeout = Duration::ZERO;
            }
            if zero_pages {
                zero.max_pages = 0;
            }
            assert!(matches!(HttpClient::new(zero), Err(Error::Config(_))));
        }
        let mut none = config("https://x");
        none.auth_schemes.clear();
        assert!(matches!(HttpClient::new(none), Err(Error::Config(_))));
        let mut empty = config("https://x");
        empty.auth_schemes[0].headers = vec![("X-Auth-Key", Secret::new(""))];
        assert!(matches!(HttpClient::new(empty), Err(Error::Config(_))));
        let mut bad = config("https://x");
        bad.auth_schemes[0].headers = vec![("X-Auth-Key", Secret::new("line\nbreak-sekrit"))];
        let message = HttpClient::new(bad).unwrap_err().to_string();
        assert!(!message.contains("sekrit"), "{message}");
        let client = HttpClient::new(config("https://x")).unwrap();
        let debug = format!("{client:?}");
        assert!(
            !debug.contains("sekrit") && debug.contains("Authorization"),
            "{debug}"
        );
        assert!(!format!("{:?}", config("https://x")).contains("sekrit"));
    }

    #[test]
    fn client_and_send_future_are_send() {
        fn assert_send_sync<T: Send + Sync + 'static>(_: &T) {}
        fn assert_send<T: Send>(_: &T) {}
        let client = HttpClient::new(config("https://x")).unwrap();
        assert_send_sync(&client);
        assert_send(&client.send(Method::GET, "a", "", None));
    }

    #[test]
    fn url_keeps_encoding_as_given() {
        let client = HttpClient::new(config("https://x.test/client/v4/")).unwrap();
        let url = client
            .url("accounts/a%2Fb/x%20y", "q=a+b%26c&k=%2B")
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://x.test/client/v4/accounts/a%2Fb/x%20y?q=a+b%26c&k=%2B"
        );
        assert_eq!(
            client.url("/a", "").unwrap().as_str(),
            "https://x.test/client/v4/a"
        );
    }
}
