//! Request bodies: JSON objects written field by field, multipart forms and
//! raw bodies from bytes or a stream.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize};

/// Writes a JSON object straight into one buffer, in the order the fields
/// are given; the generated `to_json_body` methods call it.
#[derive(Debug)]
pub struct JsonObjectWriter {
    out: Vec<u8>,
}

impl JsonObjectWriter {
    /// A writer whose buffer starts with `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.push(b'{');
        Self { out }
    }

    /// `key` is the field's name already quoted and escaped, with its colon
    /// (`"name":`): the generator writes it once.
    fn key(&mut self, key: &str) {
        if self.out.len() > 1 {
            self.out.push(b',');
        }
        self.out.extend_from_slice(key.as_bytes());
    }

    /// Appends a field. Values of generated types serialise without error once
    /// `build()` has checked them (finite numbers, RFC 3339 date-times); should
    /// one fail all the same, the field is written as `null` rather than
    /// leaving broken JSON.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        let start = self.out.len();
        if serde_json::to_writer(&mut self.out, value).is_err() {
            self.out.truncate(start);
            self.out.extend_from_slice(b"null");
        }
    }

    /// Appends a field when it is set; nothing when it is `None`.
    pub fn optional<T: Serialize>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// Appends a field holding an RFC 3339 date-time.
    pub fn date_time(&mut self, key: &str, value: &time::OffsetDateTime) {
        self.field(key, &super::datetime::Rfc3339(*value));
    }

    /// Appends a field holding `null` (a PATCH that clears the field).
    pub fn null(&mut self, key: &str) {
        self.key(key);
        self.out.extend_from_slice(b"null");
    }

    /// The finished object.
    pub fn finish(mut self) -> Vec<u8> {
        self.out.push(b'}');
        self.out
    }
}

/// A JSON body of any type, serialised in one buffer (see [`JsonObjectWriter::field`]
/// for why this cannot fail).
pub fn json_value<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec())
}

/// For `#[serde(deserialize_with = "…", default)]` on an optional nullable
/// body field held as `Option<Option<T>>`: a missing field stays `None`
/// (the default), `null` is `Some(None)`, a value `Some(Some(value))`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// [`present`] for date-times.
pub fn present_date_time<'de, D>(deserializer: D) -> Result<Option<Option<time::OffsetDateTime>>, D::Error>
where
    D: Deserializer<'de>,
{
    super::datetime::option::deserialize(deserializer).map(Some)
}

/// Writes `Some(None)` as `null`; `None` is skipped by `skip_serializing_if`.
pub fn serialize_date_time<S: serde::Serializer>(
    value: &Option<Option<time::OffsetDateTime>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    super::datetime::option::serialize(&value.flatten(), serializer)
}

/// Bytes in memory, or a stream that can be read once.
#[derive(Clone)]
enum Data {
    Bytes(Bytes),
    /// Taken when the request is made: a stream cannot be sent twice.
    Stream(Arc<Mutex<Option<reqwest::Body>>>),
}

impl Data {
    fn stream(body: reqwest::Body) -> Self {
        Data::Stream(Arc::new(Mutex::new(Some(body))))
    }

    /// The body to send: a cheap clone of bytes, or the stream, once.
    fn take(&self) -> Option<reqwest::Body> {
        match self {
            Data::Bytes(bytes) => Some(reqwest::Body::from(bytes.clone())),
            Data::Stream(slot) => slot.lock().ok().and_then(|mut body| body.take()),
        }
    }

    fn replayable(&self) -> bool {
        matches!(self, Data::Bytes(_))
    }
}

impl fmt::Debug for Data {
    // Sizes only: a body can hold anything, and is no one's log material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Data::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Data::Stream(_) => f.write_str("Stream"),
        }
    }
}

impl PartialEq for Data {
    /// Bytes compare by content; a stream only equals its own clones.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Data::Bytes(a), Data::Bytes(b)) => a == b,
            (Data::Stream(a), Data::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

fn stream_body<S>(stream: S) -> reqwest::Body
where
    S: futures_core::TryStream + Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    Bytes: From<S::Ok>,
{
    reqwest::Body::wrap_stream(stream)
}

/// A raw request body (`body: raw:` in the schema): bytes, which a retry
/// sends again, or a stream, sent once and never retried.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBody(Data);

impl RawBody {
    /// A body held in memory.
    pub fn bytes(data: impl Into<Bytes>) -> Self {
        RawBody(Data::Bytes(data.into()))
    }

    /// A body read from `stream` as it is sent (a file, a pipe, …).
    pub fn stream<S>(stream: S) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        RawBody(Data::stream(stream_body(stream)))
    }

    /// Whether a retry could send the body again.
    pub fn is_replayable(&self) -> bool {
        self.0.replayable()
    }

    pub(crate) fn take(&self) -> Option<reqwest::Body> {
        self.0.take()
    }
}

impl<T: Into<Bytes>> From<T> for RawBody {
    fn from(data: T) -> Self {
        RawBody::bytes(data)
    }
}

/// A file part of a multipart body: bytes or a stream, with an optional
/// file name and content type.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePart {
    data: Data,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file held in memory.
    pub fn bytes(data: impl Into<Bytes>) -> Self {
        Self {
            data: Data::Bytes(data.into()),
            file_name: None,
            content_type: None,
        }
    }

    /// A file read from `stream` as it is sent; a request holding one is never retried.
    pub fn stream<S>(stream: S) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        Self {
            data: Data::stream(stream_body(stream)),
            file_name: None,
            content_type: None,
        }
    }

    /// The part's file name (`filename=` of its `Content-Disposition`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's content type, e.g. `image/png`; checked when the request is made.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl<T: Into<Bytes>> From<T> for FilePart {
    fn from(data: T) -> Self {
        FilePart::bytes(data)
    }
}

/// One part of a multipart form.
#[derive(Debug, Clone, PartialEq)]
enum PartValue {
    Text(String),
    /// An object's JSON, sent as `application/json`.
    Json(String),
    File(FilePart),
}

/// A `multipart/form-data` body: parts in the order they were added.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MultipartBody {
    parts: Vec<(&'static str, PartValue)>,
}

impl MultipartBody {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(&mut self, name: &'static str, value: impl Into<String>) {
        self.parts.push((name, PartValue::Text(value.into())));
    }

    /// Adds a part holding `value`: a JSON string as itself, an object as its
    /// JSON with `Content-Type: application/json`, any other value as its
    /// JSON text (`42`, `true`, `[1]`).
    pub fn value<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        // Written as text once, so an object keeps its fields' order.
        let part = match serde_json::to_string(value) {
            Ok(json) if json.starts_with('{') => PartValue::Json(json),
            Ok(json) if json.starts_with('"') => match serde_json::from_str(&json) {
                Ok(text) => PartValue::Text(text),
                Err(_) => PartValue::Text(json),
            },
            Ok(json) => PartValue::Text(json),
            Err(_) => PartValue::Text("null".to_string()),
        };
        self.parts.push((name, part));
    }

    /// Adds a file part.
    pub fn file(&mut self, name: &'static str, file: &FilePart) {
        self.parts.push((name, PartValue::File(file.clone())));
    }

    /// Whether every part can be sent again (no streams).
    pub fn is_replayable(&self) -> bool {
        self.parts.iter().all(|(_, part)| match part {
            PartValue::Text(_) | PartValue::Json(_) => true,
            PartValue::File(file) => file.data.replayable(),
        })
    }

    /// The reqwest form for one attempt; `Err` names a part that cannot be
    /// sent (a stream sent already, or a content type that is no media type).
    pub(crate) fn form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            let part = match part {
                PartValue::Text(text) => reqwest::multipart::Part::text(text.clone()),
                PartValue::Json(json) => reqwest::multipart::Part::text(json.clone())
                    .mime_str("application/json")
                    .map_err(|_| format!("part {name}: application/json is not a media type"))?,
                PartValue::File(file) => {
                    let body = file
                        .data
                        .take()
                        .ok_or_else(|| format!("part {name}: its stream was sent already"))?;
                    let mut part = reqwest::multipart::Part::stream(body);
                    if let Some(file_name) = &file.file_name {
                        part = part.file_name(file_name.clone());
                    }
                    if let Some(content_type) = &file.content_type {
                        part = part.mime_str(content_type).map_err(|_| {
                            format!("part {name}: {content_type:?} is not a media type")
                        })?;
                    }
                    part
                }
            };
            form = form.part(*name, part);
        }
        Ok(form)
    }
}
