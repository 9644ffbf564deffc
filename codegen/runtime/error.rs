//! Every way a call can fail.

use std::fmt;

use super::envelope::ResponseMessage;
use super::retry;
use super::validation::ValidationError;

/// Longest part of a body kept in [`Error::Decode`], in bytes.
pub(crate) const DECODE_SNIPPET_BYTES: usize = 512;
/// Longest part of a body kept in [`Error::Api`], in bytes.
pub(crate) const API_BODY_BYTES: usize = 4096;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter broke a rule of the API description; nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(#[from] ValidationError),

    /// The API answered with a status outside 2xx (a redirect is not
    /// followed: it is this error too), or with `"success": false`.
    /// Credentials the server echoed are replaced with `[redacted]`.
    #[error("{}", ApiSummary { status: *status, errors })]
    Api {
        /// The HTTP status.
        status: u16,
        /// The envelope's `errors` (empty when the body was no envelope).
        errors: Vec<ResponseMessage>,
        /// The envelope's `messages`.
        messages: Vec<ResponseMessage>,
        /// The start of the raw body (at most 4 KiB), for what the envelope does not say.
        body: String,
    },

    /// The request could not be sent or the response not read (connection
    /// refused, reset, TLS, ...). Credentials travel in headers, which
    /// transport errors never quote, and base URLs with user info are refused.
    #[error("transport error: {0}")]
    Transport(#[source] TransportError),

    /// No complete response came within the time allowed: the attempt's
    /// timeout, or what was left of the whole call's budget.
    #[error("request timed out")]
    Timeout,

    /// The response body is larger than the client accepts: its
    /// `Content-Length` said so, or reading stopped at the limit.
    #[error("response body exceeds the limit of {limit} bytes (HTTP {status}); see `max_response_bytes`")]
    ResponseTooLarge {
        /// The HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
    },

    /// The body was not the JSON the operation describes (a duplicate key in
    /// an object is such a body). Credentials the server echoed are replaced
    /// with `[redacted]` in the snippet and the parser's message.
    #[error("could not decode the response body (HTTP {status}): {source}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// The start of the body (at most 512 bytes, cut on a character boundary).
        snippet: String,
        /// What the JSON parser found.
        #[source]
        source: serde_json::Error,
    },

    /// The client configuration cannot work (no credentials, bad base URL, ...).
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// A page held the same items as an earlier page (in any order): the
    /// server ignores `page` or cycles, and asking on would loop forever.
    #[error("pagination stopped: page {page} repeats an earlier page")]
    PaginationRepeated {
        /// The page number whose items repeated.
        page: i64,
    },

    /// Auto-paging fetched as many pages as the client allows and the server
    /// still reported more; nothing past the limit was requested.
    #[error("pagination stopped after {pages} pages, the limit; see `max_pages`")]
    PaginationLimit {
        /// How many pages were fetched.
        pages: u32,
    },
}

impl Error {
    /// The HTTP status, when a response came back.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed, by the rules of
    /// [`retry`]. A response's `x-should-retry` header is no longer known
    /// here, so only the status counts.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(_) | Error::Timeout => true,
            Error::Api { status, .. } => retry::status_is_retryable(*status),
            _ => false,
        }
    }

    /// An [`Error::Api`] keeping a bounded copy of `body`.
    pub(crate) fn api(
        status: u16,
        errors: Vec<ResponseMessage>,
        messages: Vec<ResponseMessage>,
        body: &[u8],
    ) -> Self {
        Error::Api {
            status,
            errors,
            messages,
            body: snippet(body, API_BODY_BYTES),
        }
    }

    /// An [`Error::Decode`] keeping a bounded copy of `body`.
    pub(crate) fn decode(status: u16, body: &[u8], source: serde_json::Error) -> Self {
        Error::Decode {
            status,
            snippet: snippet(body, DECODE_SNIPPET_BYTES),
            source,
        }
    }
}

/// The first `max` bytes of `body` as text, never splitting a character.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let prefix = &body[..body.len().min(max)];
    match std::str::from_utf8(prefix) {
        Ok(text) => text.to_owned(),
        // Only the last character was cut: drop its first bytes.
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(&prefix[..e.valid_up_to()]).into_owned()
        }
        Err(_) => String::from_utf8_lossy(prefix).into_owned(),
    }
}

/// `HTTP 403: [7003] message (and 1 more)`.
struct ApiSummary<'a> {
    status: u16,
    errors: &'a [ResponseMessage],
}

impl fmt::Display for ApiSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error (HTTP {})", self.status)?;
        if let Some(first) = self.errors.first() {
            f.write_str(": ")?;
            if let Some(code) = first.code {
                write!(f, "[{code}] ")?;
            }
            f.write_str(&first.message)?;
            if self.errors.len() > 1 {
                write!(f, " (and {} more)", self.errors.len() - 1)?;
            }
        }
        Ok(())
    }
}

/// Why a request could not be sent or its response not read: its message
/// and causes in one line (`… : connection refused`). The HTTP library's own
/// error type stays out of the API; its causes are reached through
/// [`std::error::Error::source`].
pub struct TransportError(reqwest::Error);

impl TransportError {
    /// Whether the failure was connecting (refused, unreachable, TLS).
    pub fn is_connect(&self) -> bool {
        self.0.is_connect()
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        TransportError(error)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TransportError")
            .field(&self.to_string())
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = std::error::Error::source(&self.0);
        while let Some(inner) = cause {
            write!(f, ": {inner}")?;
            cause = inner.source();
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::validation::Rule;

    fn message(code: i64, text: &str) -> ResponseMessage {
        ResponseMessage {
            code: Some(code),
            message: text.to_owned(),
            documentation_url: None,
            source: None,
        }
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: Send + Sync + 'static>() {}
        assert_bounds::<Error>();
    }

    #[test]
    fn api_display_shows_status_and_first_error() {
        let error = Error::api(
            403,
            vec![message(7003, "No route"), message(9109, "Unauthorized")],
            vec![],
            b"{}",
        );
        assert_eq!(
            error.to_string(),
            "API error (HTTP 403): [7003] No route (and 1 more)"
        );
        let bare = Error::api(502, vec![], vec![], b"<html>");
        assert_eq!(bare.to_string(), "API error (HTTP 502)");
    }

    #[test]
    fn status_and_retryable() {
        assert_eq!(Error::api(429, vec![], vec![], b"").status(), Some(429));
        assert!(Error::api(429, vec![], vec![], b"").is_retryable());
        assert!(Error::api(503, vec![], vec![], b"").is_retryable());
        assert!(!Error::api(404, vec![], vec![], b"").is_retryable());
        assert!(!Error::api(200, vec![], vec![], b"").is_retryable());
        assert!(Error::Timeout.is_retryable());
        assert_eq!(Error::Timeout.status(), None);
        let invalid = Error::from(ValidationError::new("page", 0, Rule::Minimum("1".into())));
        assert!(!invalid.is_retryable());
        assert!(!Error::Config("x".into()).is_retryable());
    }

    #[test]
    fn snippet_is_bounded_on_a_char_boundary() {
        assert_eq!(snippet(b"abc", 10), "abc");
        assert_eq!(snippet(b"abcdef", 3), "abc");
        // "é" is two bytes; cutting after its first byte drops it whole.
        assert_eq!(snippet("aé".as_bytes(), 2), "a");
        assert_eq!(snippet(&[b'a', 0xff, b'b'], 10), "a\u{fffd}b");
        let long = "x".repeat(2000);
        assert_eq!(snippet(long.as_bytes(), DECODE_SNIPPET_BYTES).len(), 512);
    }

    #[test]
    fn decode_keeps_status_and_snippet() {
        let body = b"not json";
        let source = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
        let error = Error::decode(200, body, source);
        assert_eq!(error.status(), Some(200));
        assert!(matches!(&error, Error::Decode { snippet, .. } if snippet == "not json"));
        assert!(error
            .to_string()
            .starts_with("could not decode the response body (HTTP 200)"));
    }
}
