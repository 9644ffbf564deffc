//! The response envelope `{"success", "errors", "messages", "result",
//! "result_info"}`, the decoders of JSON bodies with and without it, and the
//! messages of error bodies of any shape.

use std::fmt;

use serde::de::{DeserializeOwned, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use super::error::{snippet, Error};
use super::http::Response;

/// One entry of an envelope's `errors` or `messages`. Every field may be
/// missing or `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseMessage {
    /// The API's numeric code for the message, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// The text of the message.
    #[serde(deserialize_with = "null_as_default")]
    pub message: String,
    /// A page that explains the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// The part of the request the message is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<MessageSource>,
}

/// Where in the request a [`ResponseMessage`] points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessageSource {
    /// A JSON pointer into the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// One page of a list operation: its items, the server's `result_info` and
/// its `messages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T, I> {
    /// The items of this page.
    pub result: Vec<T>,
    /// Paging details (`page`, `per_page`, `total_count`, ...) when the server sent them.
    pub result_info: Option<I>,
    /// Informational messages from the server.
    pub messages: Vec<ResponseMessage>,
}

/// The whole envelope, read in one pass straight from the bytes. Unknown
/// fields are skipped; no `flatten` and no `Value` on the way, for speed.
#[derive(Deserialize)]
struct Envelope<R, I> {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    errors: Vec<ResponseMessage>,
    #[serde(default, deserialize_with = "null_as_default")]
    messages: Vec<ResponseMessage>,
    #[serde(default = "none")]
    result: Option<R>,
    #[serde(default = "none")]
    result_info: Option<I>,
}

// `#[serde(default)]` on a generic `Option` would ask for `R: Default`.
fn none<T>() -> Option<T> {
    None
}

/// Reads `null` as the type's default, for servers that send `null` for "none".
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl<R, I> Envelope<R, I> {
    /// `success: false`, or no `success` but some `errors`, is a failure.
    fn failed(&self) -> bool {
        match self.success {
            Some(success) => !success,
            None => !self.errors.is_empty(),
        }
    }
}

fn decode_envelope<R: DeserializeOwned, I: DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<Envelope<R, I>, Error> {
    let envelope: Envelope<R, I> =
        serde_json::from_slice(body).map_err(|e| Error::decode(status, body, e))?;
    if envelope.failed() {
        return Err(Error::api(status, envelope.errors, envelope.messages, body));
    }
    Ok(envelope)
}

/// [`decode_page`] of a response, for [`HttpClient::call`](super::http::HttpClient::call).
pub fn page<T: DeserializeOwned, I: DeserializeOwned>(response: Response) -> Result<Page<T, I>, Error> {
    decode_page(response.status, &response.body)
}

/// [`decode_result`] of a response.
pub fn result<T: DeserializeOwned>(response: Response) -> Result<T, Error> {
    decode_result(response.status, &response.body)
}

/// [`decode_raw`] of a response.
pub fn raw<T: DeserializeOwned>(response: Response) -> Result<T, Error> {
    decode_raw(response.status, &response.body)
}

/// [`decode_empty`] of a response.
pub fn empty(response: Response) -> Result<(), Error> {
    decode_empty(response.status, &response.body)
}

/// Decodes a list response: the items in `result` and the `result_info`.
/// `success: false` is [`Error::Api`]; bad JSON is [`Error::Decode`].
pub fn decode_page<T: DeserializeOwned, I: DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<Page<T, I>, Error> {
    let envelope = decode_envelope::<Vec<T>, I>(status, body)?;
    Ok(Page {
        result: envelope.result.unwrap_or_default(),
        result_info: envelope.result_info,
        messages: envelope.messages,
    })
}

/// Decodes the envelope's `result`. A `null` or missing `result` is read as
/// JSON `null`, which suits `()`, `Option<_>` and `serde_json::Value` and is a
/// [`Error::Decode`] for anything else.
pub fn decode_result<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    match decode_envelope::<T, IgnoredAny>(status, body)?.result {
        Some(result) => Ok(result),
        None => serde_json::from_slice(b"null").map_err(|e| Error::decode(status, body, e)),
    }
}

/// Decodes a body that is not wrapped in an envelope.
pub fn decode_raw<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::decode(status, body, e))
}

/// `T` read from a value [`StrictValue`] has checked, so a duplicate key at
/// any depth of a map or list field is an error as everywhere else.
pub fn from_strict<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: StrictValue,
) -> Result<T, E> {
    serde_json::from_value(value.0).map_err(E::custom)
}

/// Any JSON value, read as `serde_json::Value` is except that a duplicate
/// key in any object, at any depth, is an error (serde_json keeps the last).
/// Response objects keep unknown fields with it, so the rule "a duplicate key
/// is an error" holds for what they keep too.
#[derive(Debug, Clone, PartialEq)]
pub struct StrictValue(pub Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(deserializer).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match object.entry(key) {
                Entry::Vacant(entry) => {
                    entry.insert(map.next_value::<StrictValue>()?.0);
                }
                Entry::Occupied(entry) => {
                    return Err(A::Error::custom(format_args!(
                        "duplicate field `{}`",
                        entry.key()
                    )));
                }
            }
        }
        Ok(Value::Object(object))
    }
}

/// Decodes the body of an operation that returns nothing. An empty body (a
/// 204, or a 200 with nothing) is fine, and so is an envelope whatever its
/// `result`; `success: false` is [`Error::Api`], other bytes [`Error::Decode`].
pub fn decode_empty(status: u16, body: &[u8]) -> Result<(), Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    decode_envelope::<IgnoredAny, IgnoredAny>(status, body).map(drop)
}

/// Longest message taken from an error body that is plain text, in bytes.
const TEXT_MESSAGE_BYTES: usize = 512;

/// The `errors` and `messages` of an error response. An envelope gives its
/// own; a body without one gives one error from what it holds, so APIs
/// without an envelope still explain themselves: `{"message": "…"}`,
/// `{"error": "…"}`, `{"error": {"message": "…", "code": 1}}`,
/// `{"errors": ["…"]}`, or plain text (its first line). Anything else
/// (HTML, other JSON) gives none; [`Error::Api`] keeps the body either way.
pub(crate) fn error_messages(body: &[u8]) -> (Vec<ResponseMessage>, Vec<ResponseMessage>) {
    if let Ok(envelope) = serde_json::from_slice::<Envelope<IgnoredAny, IgnoredAny>>(body) {
        if !envelope.errors.is_empty() || !envelope.messages.is_empty() {
            return (envelope.errors, envelope.messages);
        }
    }
    let error = match serde_json::from_slice::<Value>(body) {
        Ok(value) => message_of(&value),
        Err(_) => text_message(body),
    };
    (error.into_iter().collect(), Vec::new())
}

/// The error a JSON error body without an envelope describes, if any.
fn message_of(value: &Value) -> Option<ResponseMessage> {
    let object = value.as_object()?;
    let message = |text: &str, code: Option<i64>| ResponseMessage {
        code,
        message: text.to_owned(),
        ..ResponseMessage::default()
    };
    if let Some(text) = object.get("message").and_then(Value::as_str) {
        return Some(message(text, object.get("code").and_then(Value::as_i64)));
    }
    match object.get("error") {
        Some(Value::String(text)) => return Some(message(text, None)),
        Some(nested @ Value::Object(_)) => {
            if let Some(found) = message_of(nested) {
                return Some(found);
            }
        }
        _ => {}
    }
    let first = object.get("errors")?.as_array()?.first()?;
    match first.as_str() {
        Some(text) => Some(message(text, None)),
        None => message_of(first),
    }
}

/// The first line of a plain-text body, bounded; none for markup or nothing.
fn text_message(body: &[u8]) -> Option<ResponseMessage> {
    let text = snippet(body, TEXT_MESSAGE_BYTES);
    let line = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    if line.starts_with('<') || line.starts_with('{') || line.starts_with('[') {
        return None;
    }
    Some(ResponseMessage {
        message: line.to_owned(),
        ..ResponseMessage::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Item {
        id: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Info {
        page: Option<f64>,
        total_count: Option<f64>,
    }

    #[test]
    fn page_decodes_items_info_and_messages() {
        let body = br#"{"success":true,"errors":[],"messages":[{"code":1,"message":"hi"}],
            "result":[{"id":"a","extra":1},{"id":"b"}],"result_info":{"page":1,"total_count":2}}"#;
        let page: Page<Item, Info> = decode_page(200, body).unwrap();
        assert_eq!(
            page.result,
            vec![Item { id: "a".into() }, Item { id: "b".into() }]
        );
        assert_eq!(
            page.result_info,
            Some(Info {
                page: Some(1.0),
                total_count: Some(2.0)
            })
        );
        assert_eq!(page.messages[0].code, Some(1));
    }

    #[test]
    fn page_tolerates_null_and_missing_parts() {
        let body =
            br#"{"success":true,"errors":null,"messages":null,"result":null,"result_info":null}"#;
        let page: Page<Item, Info> = decode_page(200, body).unwrap();
        assert!(page.result.is_empty() && page.result_info.is_none() && page.messages.is_empty());
        let page: Page<Item, Info> = decode_page(200, br#"{"success":true}"#).unwrap();
        assert!(page.result.is_empty());
    }

    #[test]
    fn success_false_is_an_api_error() {
        let body = br#"{"success":false,"errors":[{"code":7003,"message":"No route",
            "documentation_url":"https://x","source":{"pointer":"/a"}}],"messages":[],"result":null}"#;
        let error = decode_page::<Item, Info>(200, body).unwrap_err();
        let Error::Api {
            status,
            errors,
            body: kept,
            ..
        } = error
        else {
            panic!("expected Api, got {error:?}");
        };
        assert_eq!(status, 200);
        assert_eq!(errors[0].code, Some(7003));
        assert_eq!(
            errors[0].source.as_ref().unwrap().pointer.as_deref(),
            Some("/a")
        );
        assert!(kept.contains("No route"));
        assert!(matches!(
            decode_result::<()>(200, body),
            Err(Error::Api { .. })
        ));
    }

    #[test]
    fn missing_success_with_errors_is_an_api_error() {
        let body = br#"{"errors":[{"message":"bad"}]}"#;
        assert!(matches!(
            decode_result::<()>(200, body),
            Err(Error::Api { .. })
        ));
    }

    #[test]
    fn lenient_messages() {
        let body = br#"{"success":false,"errors":[{},{"code":null,"message":null}]}"#;
        let Err(Error::Api { errors, .. }) = decode_result::<()>(400, body) else {
            panic!("expected Api");
        };
        assert_eq!(
            errors,
            vec![ResponseMessage::default(), ResponseMessage::default()]
        );
    }

    #[test]
    fn malformed_json_is_a_decode_error() {
        let error = decode_page::<Item, Info>(200, b"{\"success\":true,\"result\":[").unwrap_err();
        assert!(
            matches!(&error, Error::Decode { status: 200, snippet, .. } if snippet.starts_with("{\"success\""))
        );
        let wrong_type = br#"{"success":true,"result":[{"id":5}]}"#;
        assert!(matches!(
            decode_page::<Item, Info>(200, wrong_type),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn result_decodes_and_null_result_fits_unit_and_option() {
        let body = br#"{"success":true,"errors":[],"messages":[],"result":{"id":"x"}}"#;
        assert_eq!(
            decode_result::<Item>(200, body).unwrap(),
            Item { id: "x".into() }
        );
        let empty = br#"{"success":true,"result":null}"#;
        decode_result::<()>(200, empty).unwrap();
        assert_eq!(decode_result::<Option<Item>>(200, empty).unwrap(), None);
        assert_eq!(
            decode_result::<serde_json::Value>(200, br#"{"success":true}"#).unwrap(),
            serde_json::Value::Null
        );
        assert!(matches!(
            decode_result::<Item>(200, empty),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn raw_is_not_unwrapped() {
        let value: serde_json::Value = decode_raw(200, br#"{"success":false}"#).unwrap();
        assert_eq!(value["success"], false);
        assert!(matches!(
            decode_raw::<Item>(200, b"<html>"),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn strict_value_refuses_duplicate_keys_at_any_depth() {
        let ok: StrictValue = serde_json::from_str(r#"{"a":[{"b":1},{"b":2}],"c":null}"#).unwrap();
        assert_eq!(ok.0["a"][1]["b"], 2);
        for body in [r#"{"a":1,"a":2}"#, r#"{"x":[{"b":1,"b":1}]}"#] {
            let error = serde_json::from_str::<StrictValue>(body).unwrap_err();
            assert!(error.to_string().contains("duplicate field"), "{error}");
        }
    }

    #[test]
    fn duplicate_envelope_keys_are_a_decode_error() {
        let body = br#"{"success":true,"result":[],"result":[{"id":"x"}]}"#;
        assert!(matches!(
            decode_page::<Item, Info>(200, body),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn empty_bodies_and_null_results_are_nothing() {
        decode_empty(204, b"").unwrap();
        decode_empty(200, b" \n").unwrap();
        decode_empty(200, br#"{"success":true,"result":null}"#).unwrap();
        decode_empty(200, br#"{"success":true,"result":{"id":"x"}}"#).unwrap();
        assert!(matches!(
            decode_empty(200, br#"{"success":false,"errors":[{"message":"no"}]}"#),
            Err(Error::Api { .. })
        ));
        assert!(matches!(
            decode_empty(200, b"<html>"),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn error_bodies_without_an_envelope_still_give_a_message() {
        let first = |body: &[u8]| {
            let (errors, _) = error_messages(body);
            errors
                .first()
                .map(|e| (e.code, e.message.clone()))
                .unwrap_or_default()
        };
        assert_eq!(first(br#"{"message":"Not found","code":404}"#), (Some(404), "Not found".into()));
        assert_eq!(first(br#"{"error":"bad key"}"#), (None, "bad key".into()));
        assert_eq!(
            first(br#"{"error":{"message":"quota","code":7}}"#),
            (Some(7), "quota".into())
        );
        assert_eq!(first(br#"{"errors":["first","second"]}"#), (None, "first".into()));
        assert_eq!(first(b"\n  upstream timed out\nmore"), (None, "upstream timed out".into()));
        assert_eq!(first(br#"{"detail":1}"#), (None, String::new()));
        assert_eq!(first(b""), (None, String::new()));
    }

    #[test]
    fn error_messages_of_non_envelopes_are_empty() {
        assert_eq!(error_messages(b"<html>"), (vec![], vec![]));
        let (errors, _) =
            error_messages(br#"{"success":false,"errors":[{"code":10000,"message":"auth"}]}"#);
        assert_eq!(errors[0].code, Some(10000));
    }
}
