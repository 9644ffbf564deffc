//! Sends requests: base URL, headers, credentials, timeout and retries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use reqwest::Url;

// The types of `send`'s signature, so callers need no `bytes` or `reqwest` of their own.
pub use bytes::Bytes;
pub use reqwest::{Body, Method};

use super::envelope;
use super::error::Error;
use super::retry::{self, Attempt};
use super::secret::Secret;

/// Everything an [`HttpClient`] needs.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// The API's base URL (the schema's default, or a stand-in); a trailing `/` is ignored.
    pub base_url: String,
    /// Longest wait for one attempt, from sending to the last byte of the body.
    pub timeout: Duration,
    /// How many times a failed attempt may be repeated.
    pub max_retries: u32,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Credential headers, for example `("Authorization", "Bearer …")`.
    pub auth_headers: Vec<(&'static str, Secret)>,
}

/// A request body.
#[derive(Debug)]
pub enum RequestBody {
    /// JSON, already serialised; sent with `Content-Type: application/json`.
    Json(Bytes),
    /// A stream, sent as it comes. It cannot be replayed, so it is never retried.
    Stream(Body),
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
    max_retries: u32,
    user_agent: String,
    auth_header_names: Vec<&'static str>,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names of the credential headers only, never their values.
        f.debug_struct("HttpClient")
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("user_agent", &self.inner.user_agent)
            .field("auth_headers", &self.inner.auth_header_names)
            .finish()
    }
}

impl HttpClient {
    /// Checks the configuration and builds the connection pool (rustls).
    pub fn new(config: HttpConfig) -> Result<Self, Error> {
        let base_url = check_base_url(&config.base_url)?;
        if config.timeout.is_zero() {
            return Err(Error::Config("the timeout must be more than zero".into()));
        }
        if config.auth_headers.is_empty() {
            return Err(Error::Config(
                "no credentials: give an API token, an email and API key, or a user service key"
                    .into(),
            ));
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let user_agent = HeaderValue::from_str(&config.user_agent)
            .map_err(|_| Error::Config(format!("invalid User-Agent {:?}", config.user_agent)))?;
        headers.insert(USER_AGENT, user_agent);
        for (name, secret) in &config.auth_headers {
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
            headers.insert(header_name, value);
        }
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .timeout(config.timeout)
            .default_headers(headers)
            // A redirect to another host would carry `X-Auth-Key` along; the API never redirects.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                base_url,
                timeout: config.timeout,
                max_retries: config.max_retries,
                user_agent: config.user_agent,
                auth_header_names: config.auth_headers.iter().map(|(name, _)| *name).collect(),
            }),
        })
    }

    /// The base URL, without its trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends `method` to `base_url/path?query`, retrying as [`retry`] says,
    /// and returns the status and body of a response below 400. `path` and
    /// `query` must be percent-encoded already; they are sent as given.
    /// A status >= 400 is [`Error::Api`]; a body with `"success": false` under
    /// a 2xx is left to the decoders of [`envelope`].
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &str,
        body: Option<RequestBody>,
    ) -> Result<(u16, Bytes), Error> {
        let url = self.url(path, query)?;
        let mut stream_body = None;
        let json_body = match body {
            Some(RequestBody::Json(bytes)) => Some(bytes),
            Some(RequestBody::Stream(stream)) => {
                stream_body = Some(stream);
                None
            }
            None => None,
        };
        let replayable = stream_body.is_none();
        let mut retries_done = 0;
        loop {
            let mut request = self.inner.client.request(method.clone(), url.clone());
            if let Some(json) = &json_body {
                request = request
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(json.clone());
            } else if let Some(stream) = stream_body.take() {
                request = request.body(stream);
            }
            let may_retry = replayable && retries_done < self.inner.max_retries;
            let (attempt, outcome) = match request.send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let attempt = Attempt::Response {
                        status,
                        should_retry_header: retry::should_retry_header(response.headers()),
                    };
                    if may_retry && retry::should_retry(attempt) {
                        let wait = retry::wait_time(retries_done, Some(response.headers()));
                        // The body of a response about to be retried is not needed.
                        drop(response);
                        tokio::time::sleep(wait).await;
                        retries_done += 1;
                        continue;
                    }
                    match response.bytes().await {
                        Ok(body) if status >= 400 => {
                            let (errors, messages) = envelope::error_messages(&body);
                            return Err(Error::api(status, errors, messages, &body));
                        }
                        Ok(body) => return Ok((status, body)),
                        Err(e) => failed_attempt(e),
                    }
                }
                Err(e) => failed_attempt(e),
            };
            if let Some(attempt) = attempt {
                if may_retry && retry::should_retry(attempt) {
                    tokio::time::sleep(retry::wait_time(retries_done, None)).await;
                    retries_done += 1;
                    continue;
                }
            }
            return Err(outcome);
        }
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
        (Some(Attempt::ConnectionError), Error::Transport(error))
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
            max_retries: 2,
            user_agent: "test/1".into(),
            auth_headers: vec![("Authorization", Secret::new("Bearer sekrit"))],
        }
    }

    #[test]
    fn base_url_is_checked_and_trimmed() {
        let client = HttpClient::new(config("https://api.cloudflare.com/client/v4/")).unwrap();
        assert_eq!(client.base_url(), "https://api.cloudflare.com/client/v4");
        for bad in [
            "",
            "api.cloudflare.com",
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
        let mut none = config("https://x");
        none.auth_headers.clear();
        assert!(matches!(HttpClient::new(none), Err(Error::Config(_))));
        let mut empty = config("https://x");
        empty.auth_headers = vec![("X-Auth-Key", Secret::new(""))];
        assert!(matches!(HttpClient::new(empty), Err(Error::Config(_))));
        let mut bad = config("https://x");
        bad.auth_headers = vec![("X-Auth-Key", Secret::new("line\nbreak-sekrit"))];
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
