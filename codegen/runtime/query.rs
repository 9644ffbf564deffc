//! Query strings: `key=value` pairs joined by `&`, form-encoded, written into one `String`.

use std::fmt::Write as _;

use super::path::SEGMENT;

/// Builds a query string one pair at a time; the generated `to_query_string`
/// methods call it in a fixed order, so no sorting happens at run time.
/// Every `key` argument must already be form-encoded (the generator does it).
#[derive(Debug, Default)]
pub struct QueryWriter {
    out: String,
}

impl QueryWriter {
    /// A writer whose buffer starts with `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
        }
    }

    /// Starts a pair: the separator, the key and `=`. Keys arrive already
    /// form-encoded: the generator encodes them once, at generation time.
    fn key(&mut self, key: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(key);
        self.out.push('=');
    }

    /// Appends `key=value` with the value form-encoded.
    pub fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        encode_into(&mut self.out, value);
    }

    /// Appends `key=value` where `value` needs no encoding (a number's text).
    pub fn raw(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push_str(value);
    }

    /// Appends `key=true` or `key=false`.
    pub fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Appends an integer in decimal.
    pub fn int(&mut self, key: &str, value: i64) {
        self.key(key);
        self.out.push_str(itoa::Buffer::new().format(value));
    }

    /// Appends a float in the shortest form that reads back the same, never
    /// with an exponent (`0.000001`, `1000000000000000000000`, `-0`): Rust's
    /// `Display` for `f64` is exactly that. Callers validate finiteness first.
    pub fn float(&mut self, key: &str, value: f64) {
        self.key(key);
        // Whole numbers that fit an `i64` exactly print faster as integers;
        // `-0.0` keeps its sign through `Display`.
        if value.fract() == 0.0 && value.abs() < 9.0e15 && !(value == 0.0 && value.is_sign_negative()) {
            self.out.push_str(itoa::Buffer::new().format(value as i64));
            return;
        }
        let _ = write!(self.out, "{value}");
    }

    /// Appends an RFC 3339 date-time in the value's own offset, `Z` for UTC,
    /// with the fraction of a second only when it is not zero.
    pub fn date_time(&mut self, key: &str, value: &time::OffsetDateTime) {
        self.key(key);
        let mut buf = [0u8; 64];
        match rfc3339(value, &mut buf) {
            // `:` and `+` are encoded like any other reserved byte.
            Some(text) => encode_into(&mut self.out, text),
            // Refused by validation before any request; kept total all the same.
            None => encode_into(&mut self.out, &value.to_string()),
        }
    }

    /// Appends a date as `YYYY-MM-DD`.
    pub fn date(&mut self, key: &str, value: &time::Date) {
        self.key(key);
        let mut buf = [0u8; 10];
        match super::datetime::format_date(value, &mut buf) {
            Some(text) => self.out.push_str(text),
            // Refused by validation before any request; kept total all the same.
            None => encode_into(&mut self.out, &value.to_string()),
        }
    }

    /// Appends a value's `Display` text, form-encoded (addresses such as `::1`).
    pub fn display(&mut self, key: &str, value: &impl std::fmt::Display) {
        self.key(key);
        encode_into(&mut self.out, &value.to_string());
    }

    /// Starts one comma-separated value under `key` (OpenAPI `explode: false`):
    /// `key=a,b`. Nothing is written for a list with no items; a comma inside
    /// an item is encoded (`%2C`), so only separators are bare commas.
    pub fn comma_list<'w>(&'w mut self, key: &'w str) -> CommaList<'w> {
        CommaList {
            writer: self,
            key,
            started: false,
        }
    }

    /// The finished query, without a leading `?`; empty when nothing was written.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The items of one comma-separated query value; see [`QueryWriter::comma_list`].
#[derive(Debug)]
pub struct CommaList<'w> {
    writer: &'w mut QueryWriter,
    key: &'w str,
    started: bool,
}

impl CommaList<'_> {
    /// The key before the first item, a comma before every other one.
    fn separator(&mut self) {
        if self.started {
            self.writer.out.push(',');
        } else {
            self.writer.key(self.key);
            self.started = true;
        }
    }

    /// Appends a text item, form-encoded.
    pub fn str(&mut self, value: &str) {
        self.separator();
        encode_into(&mut self.writer.out, value);
    }

    /// Appends `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.separator();
        self.writer.out.push_str(if value { "true" } else { "false" });
    }

    /// Appends an integer in decimal.
    pub fn int(&mut self, value: i64) {
        self.separator();
        self.writer.out.push_str(itoa::Buffer::new().format(value));
    }

    /// Appends a number as [`QueryWriter::float`] writes it.
    pub fn float(&mut self, value: f64) {
        self.separator();
        // Written under an empty key into a scratch writer, then moved over.
        let mut scratch = QueryWriter::default();
        scratch.float("", value);
        self.writer.out.push_str(&scratch.out[1..]);
    }

    /// Appends an RFC 3339 date-time as [`QueryWriter::date_time`] writes it.
    pub fn date_time(&mut self, value: &time::OffsetDateTime) {
        self.separator();
        let mut scratch = QueryWriter::default();
        scratch.date_time("", value);
        self.writer.out.push_str(&scratch.out[1..]);
    }
}

/// Percent-encodes every byte but `A-Z a-z 0-9 - _ . ~`, with space as `+`
/// (`application/x-www-form-urlencoded`, as the API's own clients send).
fn encode_into(out: &mut String, value: &str) {
    for chunk in percent_encoding::utf8_percent_encode(value, SEGMENT) {
        // Each encoded byte comes as its own three-character chunk.
        out.push_str(if chunk == "%20" { "+" } else { chunk });
    }
}

/// The RFC 3339 text of `value`, written into `buf` without allocating;
/// `time`'s formatter drops a zero fraction and trailing zeros and writes `Z`
/// for a zero offset. `None` when RFC 3339 cannot express the value (a year
/// outside 0..=9999, an offset with seconds).
pub(crate) fn rfc3339<'b>(value: &time::OffsetDateTime, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut cursor: &mut [u8] = buf.as_mut_slice();
    let free = cursor.len();
    value
        .format_into(&mut cursor, &time::format_description::well_known::Rfc3339)
        .ok()?;
    let written = free - cursor.len();
    std::str::from_utf8(&buf[..written]).ok()
}
