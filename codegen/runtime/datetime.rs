//! RFC 3339 date-times in JSON, keeping the value's own offset.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An `OffsetDateTime` read from and written as RFC 3339 text; the generated
/// decoders use it field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rfc3339(pub time::OffsetDateTime);

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = Rfc3339;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Rfc3339, E> {
                time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                    .map(Rfc3339)
                    .map_err(|e| E::custom(format_args!("invalid date-time {text:?}: {e}")))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 64];
        match super::query::rfc3339(&self.0, &mut buf) {
            Some(text) => serializer.serialize_str(text),
            None => Err(serde::ser::Error::custom(format_args!("{} has no RFC 3339 form", self.0))),
        }
    }
}

/// For `#[serde(with = "…")]` on an `OffsetDateTime` field.
pub fn serialize<S: Serializer>(value: &time::OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    Rfc3339(*value).serialize(serializer)
}

/// For `#[serde(with = "…")]` on an `OffsetDateTime` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::OffsetDateTime, D::Error> {
    Rfc3339::deserialize(deserializer).map(|v| v.0)
}

/// For `#[serde(with = "…")]` on an `Option<OffsetDateTime>` field.
pub mod option {
    use super::Rfc3339;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `null` for `None`.
    pub fn serialize<S: Serializer>(value: &Option<time::OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
        value.map(Rfc3339).serialize(serializer)
    }

    /// Reads `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<time::OffsetDateTime>, D::Error> {
        Ok(Option::<Rfc3339>::deserialize(deserializer)?.map(|v| v.0))
    }
}
