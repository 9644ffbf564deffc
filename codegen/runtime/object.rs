//! Reading response objects and params builders field by field, and open
//! string enums. Each generated `Deserialize` impl lists its field names and
//! calls these for each key, so the per-type code is one line a field: what a key is, duplicates and
//! unknown fields are handled once here.

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Serialize};
use serde_json::map::Entry;
use serde_json::{Map, Value};
use std::marker::PhantomData;

use super::datetime::{FullDate, Rfc3339};
use super::envelope::{from_strict, StrictValue};

/// A key of an object: the position of a known field, or any other name.
pub enum Key {
    Field(usize),
    Other(String),
}

/// Reads a key, matching it against the object's field names (in order)
/// without allocating for a known one.
pub struct Keys(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Keys {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl serde::de::Visitor<'_> for Keys {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.iter().position(|name| *name == key) {
            Some(index) => Key::Field(index),
            None => Key::Other(key.to_owned()),
        })
    }
}

/// Reads the value of field `name` into its empty `slot`. A second copy of a
/// key is an error, as in the envelope: parsers that disagree on which copy
/// counts are a smuggling vector.
pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`read`] through the wire form `W` of the field's type (a date-time's text,
/// JSON that refuses duplicate keys).
pub fn read_as<'de, W: Wire<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<W::Value>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value::<W>()?.into_value());
    Ok(())
}

/// [`read`] for a map, or JSON inside a list: serde's own readers keep the
/// last of duplicate keys, so the value is read strictly first.
pub fn read_strict<'de, A: MapAccess<'de>, T: DeserializeOwned>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(from_strict(map.next_value::<StrictValue>()?)?);
    Ok(())
}

/// Keeps the value of a key the type does not know in `extra`, refusing a
/// second copy of it.
pub fn read_other<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Map<String, Value>,
    key: Key,
) -> Result<(), A::Error> {
    match key {
        Key::Other(key) => match extra.entry(key) {
            Entry::Vacant(entry) => {
                entry.insert(map.next_value::<StrictValue>()?.0);
                Ok(())
            }
            Entry::Occupied(entry) => Err(A::Error::custom(format_args!(
                "duplicate field `{}`",
                entry.key()
            ))),
        },
        // Every known position has its own arm; this one is never reached.
        Key::Field(_) => map.next_value::<IgnoredAny>().map(|_| ()),
    }
}

/// The value of the required field `name`, or the error that it is missing.
pub fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// A type as JSON carries it, read and then turned into the field's type.
pub trait Wire<'de>: Deserialize<'de> {
    type Value;
    fn into_value(self) -> Self::Value;
}

impl Wire<'_> for Rfc3339 {
    type Value = time::OffsetDateTime;
    fn into_value(self) -> Self::Value {
        self.0
    }
}

impl Wire<'_> for FullDate {
    type Value = time::Date;
    fn into_value(self) -> Self::Value {
        self.0
    }
}

impl Wire<'_> for StrictValue {
    type Value = Value;
    fn into_value(self) -> Self::Value {
        self.0
    }
}

impl<'de, W: Wire<'de>> Wire<'de> for Option<W> {
    type Value = Option<W::Value>;
    fn into_value(self) -> Self::Value {
        self.map(W::into_value)
    }
}

/// `Deserialize` of an open string enum: any string, a value the type does
/// not know included (`From<&str>` keeps it in `Unknown`).
pub fn string_enum<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(StringEnum(expecting, PhantomData))
}

struct StringEnum<T>(&'static str, PhantomData<T>);

impl<T: for<'a> From<&'a str>> serde::de::Visitor<'_> for StringEnum<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// Writes the fields of params, as a struct: after an error it writes
/// nothing more and [`StructWriter::end`] returns that error, so the
/// generated code needs no `?` a field.
pub struct StructWriter<S: SerializeStruct> {
    out: S,
    error: Option<S::Error>,
}

impl<S: SerializeStruct> StructWriter<S> {
    pub fn new(out: S) -> Self {
        Self { out, error: None }
    }

    /// A field that is always written.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            self.error = self.out.serialize_field(key, value).err();
        }
    }

    /// A field written when it is set (`Some`), skipped otherwise, as
    /// `skip_serializing_if = "Option::is_none"` does.
    pub fn set<T: Serialize>(&mut self, key: &'static str, value: Option<T>) {
        if self.error.is_none() {
            self.error = match value {
                Some(value) => self.out.serialize_field(key, &value),
                None => self.out.skip_field(key),
            }
            .err();
        }
    }

    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.out.end(),
        }
    }
}

/// Writes the entries of an object, as a map, like [`StructWriter`].
pub struct MapWriter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> MapWriter<M> {
    pub fn new(map: M) -> Self {
        Self { map, error: None }
    }

    /// An entry that is always written.
    pub fn entry<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            self.error = self.map.serialize_entry(key, value).err();
        }
    }

    /// An entry written when it is set (`Some`).
    pub fn set<T: Serialize>(&mut self, key: &'static str, value: Option<T>) {
        if let Some(value) = value {
            self.entry(key, &value);
        }
    }

    /// Writes the fields the object keeps but does not know, after its own, and ends it.
    pub fn end(mut self, extra: &Map<String, Value>) -> Result<M::Ok, M::Error> {
        for (key, value) in extra {
            if self.error.is_none() {
                self.error = self.map.serialize_entry(key, value).err();
            }
        }
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

/// A params builder read from an object of wire names: the generated impl
/// says what each known key holds, [`fields`] does the rest once.
pub trait Fields<'de>: Default {
    /// The type's name, for decoding errors (`PetListParamsBuilder`).
    const NAME: &'static str;
    /// The wire names of the fields a document may set, in order.
    const KEYS: &'static [&'static str];
    /// Reads the value of the field at `index` of [`Fields::KEYS`].
    fn read_field<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// Reads a builder field: `null` is `None`.
pub fn set<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// [`set`] through the wire form `W` of the field's type.
pub fn set_as<'de, W: Wire<'de>, A: MapAccess<'de>, T>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error>
where
    Option<W>: Wire<'de, Value = Option<T>>,
{
    *slot = map.next_value::<Option<W>>()?.into_value();
    Ok(())
}

/// Reads a PATCH field, present: `null` is `Some(None)`.
pub fn set_present<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<Option<T>>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`set_present`] through the wire form `W` of the field's type.
pub fn set_present_as<'de, W: Wire<'de>, A: MapAccess<'de>, T>(
    map: &mut A,
    slot: &mut Option<Option<T>>,
) -> Result<(), A::Error>
where
    Option<W>: Wire<'de, Value = Option<T>>,
{
    *slot = Some(map.next_value::<Option<W>>()?.into_value());
    Ok(())
}

/// `Deserialize` of a builder: missing fields keep their default, a second
/// copy of a key and a key the type does not know are errors.
pub fn fields<'de, T: Fields<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::KEYS, FieldsVisitor(PhantomData))
}

struct FieldsVisitor<T>(PhantomData<T>);

impl<'de, T: Fields<'de>> serde::de::Visitor<'de> for FieldsVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen = vec![false; T::KEYS.len()];
        while let Some(key) = map.next_key_seed(Keys(T::KEYS))? {
            match key {
                Key::Field(index) if seen[index] => {
                    return Err(A::Error::duplicate_field(T::KEYS[index]));
                }
                Key::Field(index) => {
                    seen[index] = true;
                    value.read_field(index, &mut map)?;
                }
                Key::Other(key) => return Err(A::Error::unknown_field(&key, T::KEYS)),
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serializer;

    /// A writer that fails once `limit` bytes are written, counting the writes after that.
    struct Failing {
        limit: usize,
        written: usize,
        after_error: usize,
    }

    impl std::io::Write for Failing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.written + buf.len() > self.limit {
                self.after_error += usize::from(self.written > self.limit);
                self.written = self.limit + 1;
                return Err(std::io::Error::other("full"));
            }
            self.written += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn write_object<W: std::io::Write>(out: W) -> Result<(), serde_json::Error> {
        let mut serializer = serde_json::Serializer::new(out);
        let mut map = MapWriter::new((&mut serializer).serialize_map(None)?);
        map.entry("a", "first");
        map.set("b", None::<&str>);
        map.set("c", Some(3));
        let extra = Map::from_iter([("d".to_string(), Value::Bool(true))]);
        map.end(&extra)
    }

    #[test]
    fn writers_write_set_fields_in_order_and_stop_at_the_first_error() {
        let mut text = Vec::new();
        write_object(&mut text).unwrap();
        assert_eq!(text, br#"{"a":"first","c":3,"d":true}"#);
        let mut failing = Failing { limit: 6, written: 0, after_error: 0 };
        assert!(write_object(&mut failing).is_err());
        assert_eq!(failing.after_error, 0, "nothing is written after the error");

        let mut text = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut text);
        let mut out = StructWriter::new((&mut serializer).serialize_struct("P", 2).unwrap());
        out.field("x", &1);
        out.set("y", None::<i64>);
        out.set("z", Some("z"));
        out.end().unwrap();
        assert_eq!(text, br#"{"x":1,"z":"z"}"#);
    }
}
