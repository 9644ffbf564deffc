//! Credentials that never print, and the redaction of credentials a server echoes.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::envelope::ResponseMessage;
use super::error::Error;

/// A credential (API token or key). `Debug` shows `Secret("***")` and there
/// is no `Display`, so a secret cannot reach a log or an error message by accident.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"***\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// What a credential is replaced with in error text.
pub const REDACTED: &str = "[redacted]";

/// Shortest start of a credential that is redacted where a snippet was cut.
const MIN_CUT_PREFIX: usize = 4;

/// Characters a server's percent-encoding of a credential turns into `%XX`:
/// all but the unreserved ones (RFC 3986).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Removes the client's credentials from errors. A server may echo what it
/// was sent (a token in an error message, a header dump in an HTML page), and
/// errors end up in logs. Each credential header value is redacted whole, its
/// part after the scheme (`Bearer <token>`) alone, and both in their
/// percent-encoded and JSON-escaped forms.
#[derive(Clone, Default)]
pub struct Redactor {
    /// Longest first, so a whole header value goes before its parts.
    needles: Vec<Secret>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} forms)", self.needles.len())
    }
}

impl Redactor {
    /// A redactor for these credential header values.
    pub fn new<'a>(values: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut needles: Vec<String> = Vec::new();
        for value in values {
            let whole = value.expose();
            let mut forms = vec![whole.to_owned()];
            // `Bearer <token>`: a server may echo the token alone.
            if let Some((_, credential)) = whole.split_once(' ') {
                forms.push(credential.trim().to_owned());
            }
            for form in forms.clone() {
                forms.push(utf8_percent_encode(&form, COMPONENT).to_string());
                if let Ok(json) = serde_json::to_string(&form) {
                    forms.push(json[1..json.len() - 1].to_owned());
                }
            }
            needles.extend(forms.into_iter().filter(|form| !form.is_empty()));
        }
        needles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        needles.dedup();
        Self {
            needles: needles.into_iter().map(Secret::new).collect(),
        }
    }

    /// Whether `text` holds a credential.
    pub fn finds_in(&self, text: &str) -> bool {
        self.needles.iter().any(|n| text.contains(n.expose()))
    }

    /// Replaces every credential in `text` with [`REDACTED`].
    pub fn text(&self, text: &mut String) {
        for needle in &self.needles {
            if text.contains(needle.expose()) {
                *text = text.replace(needle.expose(), REDACTED);
            }
        }
    }

    /// As [`Self::text`], and also a credential's start at the end of `text`,
    /// for a snippet cut in the middle of one.
    pub fn snippet(&self, text: &mut String) {
        self.text(text);
        let cut = self
            .needles
            .iter()
            .filter_map(|needle| {
                let needle = needle.expose();
                (MIN_CUT_PREFIX.min(needle.len())..needle.len())
                    .rev()
                    .filter(|&n| needle.is_char_boundary(n))
                    .find(|&n| text.ends_with(&needle[..n]))
            })
            .max();
        if let Some(cut) = cut {
            text.truncate(text.len() - cut);
            text.push_str(REDACTED);
        }
    }

    /// `error` with every credential taken out of what it can print.
    pub fn error(&self, error: Error) -> Error {
        if self.needles.is_empty() {
            return error;
        }
        match error {
            Error::Api {
                status,
                mut errors,
                mut messages,
                mut body,
            } => {
                errors.iter_mut().for_each(|m| self.message(m));
                messages.iter_mut().for_each(|m| self.message(m));
                self.snippet(&mut body);
                Error::Api {
                    status,
                    errors,
                    messages,
                    body,
                }
            }
            Error::Decode {
                status,
                mut snippet,
                source,
            } => {
                self.snippet(&mut snippet);
                let mut text = source.to_string();
                let source = if self.finds_in(&text) {
                    // serde_json quotes the value it choked on; rebuild the error without it.
                    self.text(&mut text);
                    <serde_json::Error as serde::de::Error>::custom(text)
                } else {
                    source
                };
                Error::Decode {
                    status,
                    snippet,
                    source,
                }
            }
            other => other,
        }
    }

    fn message(&self, message: &mut ResponseMessage) {
        self.text(&mut message.message);
        if let Some(url) = &mut message.documentation_url {
            self.text(url);
        }
        if let Some(pointer) = message.source.as_mut().and_then(|s| s.pointer.as_mut()) {
            self.text(pointer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor::new(&[
            Secret::new("Bearer tok/en-1234"),
            Secret::new("me@example.com"),
        ])
    }

    #[test]
    fn every_form_of_every_credential_is_redacted() {
        let mut text = "a Bearer tok/en-1234 b tok/en-1234 c tok%2Fen-1234 d me@example.com e me%40example.com".to_owned();
        redactor().text(&mut text);
        assert_eq!(
            text,
            "a [redacted] b [redacted] c [redacted] d [redacted] e [redacted]"
        );
        assert!(!format!("{:?}", redactor()).contains("tok"));
    }

    #[test]
    fn a_credential_cut_at_the_end_of_a_snippet_is_redacted() {
        let mut text = "echo: tok/e".to_owned();
        redactor().snippet(&mut text);
        assert_eq!(text, "echo: [redacted]");
        // Fewer than 4 characters of a credential are left alone.
        let mut text = "a to".to_owned();
        redactor().snippet(&mut text);
        assert_eq!(text, "a to");
    }

    #[test]
    fn decode_errors_lose_the_quoted_credential() {
        let body = br#"{"id": 5, "x": "tok/en-1234"}"#;
        let source = serde_json::from_slice::<u8>(br#""tok/en-1234""#).unwrap_err();
        let error = redactor().error(Error::decode(200, body, source));
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("tok/en"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }

    #[test]
    fn debug_is_redacted() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "Secret(\"***\")");
        assert_eq!(
            format!("{:?}", Some(secret.clone())),
            "Some(Secret(\"***\"))"
        );
        assert_eq!(secret.expose(), "hunter2");
    }
}
