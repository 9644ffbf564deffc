//! Unions: which member a JSON object fits, and the number types a union of
//! scalars converts from.

use serde_json::{Map, Value};

/// What a decoder knows of one object member: the wire names of its required
/// fields and of all its fields.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// Wire names of the fields an object must have to be this member.
    pub required: &'static [&'static str],
    /// Wire names of every field of the member.
    pub known: &'static [&'static str],
}

/// The members to try for `object`, best first: only members whose required
/// fields are all present (and, for a member with none required, at least
/// one of its fields, unless the object is empty); those with more required
/// fields first, then those with more of their fields present, then in
/// declaration order. The first
/// member that decodes wins; when none does, the union keeps the value as
/// `Unknown`.
pub fn candidates(object: &Map<String, Value>, members: &[Member]) -> Vec<usize> {
    let mut ranked: Vec<(usize, usize, usize)> = members
        .iter()
        .enumerate()
        .filter(|(_, member)| member.required.iter().all(|name| object.contains_key(*name)))
        .map(|(i, member)| {
            let present = member.known.iter().filter(|name| object.contains_key(**name)).count();
            (i, member, present)
        })
        // A member with nothing required fits only an object holding one of
        // its fields (or an empty object), not any object at all.
        .filter(|(_, member, present)| *present > 0 || member.known.is_empty() || object.is_empty())
        .map(|(i, member, present)| (i, member.required.len(), present))
        .collect();
    // Stable: ties keep declaration order.
    ranked.sort_by_key(|&(_, required, present)| std::cmp::Reverse((required, present)));
    ranked.into_iter().map(|(i, _, _)| i).collect()
}

/// The number types a union's `number` member converts from: every integer
/// and float type. Integers beyond 2^53 round to the nearest `f64`, as JSON
/// numbers do in most clients.
pub trait IntoNumber: Copy {
    /// The value as an `f64`.
    fn into_number(self) -> f64;
}

/// The integer types a union's `integer` member converts from without loss.
pub trait IntoInteger: Copy {
    /// The value as an `i64`.
    fn into_integer(self) -> i64;
}

macro_rules! into_number {
    ($($t:ty),*) => {$(
        impl IntoNumber for $t {
            fn into_number(self) -> f64 {
                self as f64
            }
        }
    )*};
}

macro_rules! into_integer {
    ($($t:ty),*) => {$(
        impl IntoInteger for $t {
            fn into_integer(self) -> i64 {
                i64::from(self)
            }
        }
    )*};
}

into_number!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
into_integer!(i8, i16, i32, i64, u8, u16, u32);
