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

/// Writes field `key` of params when it is set (`Some`), and skips it
/// otherwise, as `skip_serializing_if = "Option::is_none"` does.
pub fn write_set<S: SerializeStruct, T: Serialize>(
    out: &mut S,
    key: &'static str,
    value: Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => out.serialize_field(key, &value),
        None => out.skip_field(key),
    }
}

/// Writes entry `key` of an object when it is set (`Some`).
pub fn write_entry<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, &value),
        None => Ok(()),
    }
}

/// Writes the fields an object keeps but does not know, after its own.
pub fn write_extra<M: SerializeMap>(map: &mut M, extra: &Map<String, Value>) -> Result<(), M::Error> {
    extra.iter().try_for_each(|(key, value)| map.serialize_entry(key, value))
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
