//! A stable 64-bit hash (XXH3) of any `Serialize` value, fed straight from
//! serde: no text is formatted, no string escaped. Each value is written
//! with a tag byte and, for strings and sequences, its length, so that two
//! different values of the same type never feed the same bytes. It is kept
//! in the output's marker, so it must stay the same from one build of
//! dossier to the next (change `VERSION` when the encoding changes).

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Part of every hash: a new encoding invalidates every recorded key.
const VERSION: u8 = 1;

/// The hash of `value`; values that fail to serialize hash what was fed
/// before the failure (serde's derive never fails on our types).
pub fn hash(value: &impl Serialize) -> u64 {
    let mut h = Hasher {
        state: Xxh3::new(),
        buf: Vec::with_capacity(BUFFER),
    };
    h.feed(&[VERSION]);
    let _ = value.serialize(&mut h);
    h.state.update(&h.buf);
    h.state.digest()
}

/// Bytes gathered before they go to XXH3: its streaming update costs more
/// per call than the few bytes each field feeds (a copy and a check), so
/// fields are collected and handed over in large blocks. The bytes fed,
/// and so the hash, are the same.
const BUFFER: usize = 16 * 1024;

struct Hasher {
    state: Xxh3,
    buf: Vec<u8>,
}

/// The error of a serializer that never fails (hashing) or only fails to
/// stop early (the string scan in `load/strings.rs`): it carries nothing.
#[derive(Debug)]
pub(crate) struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

impl Hasher {
    fn feed(&mut self, b: &[u8]) {
        if self.buf.len() + b.len() > BUFFER {
            self.state.update(&self.buf);
            self.buf.clear();
            if b.len() > BUFFER {
                self.state.update(b);
                return;
            }
        }
        self.buf.extend_from_slice(b);
    }
    fn tag(&mut self, t: u8) {
        self.feed(&[t]);
    }
    fn bytes(&mut self, t: u8, b: &[u8]) {
        self.feed(&[t]);
        self.feed(&(b.len() as u64).to_le_bytes());
        self.feed(b);
    }
}

/// `Serializer` methods that pass their value on, widened, to another.
macro_rules! widen {
    ($($method:ident($t:ty) => $wide:ident($w:ty)),*) => {$(
        fn $method(self, v: $t) -> Result<(), Never> {
            self.$wide(<$w>::from(v))
        }
    )*};
}

impl ser::Serializer for &mut Hasher {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    // Narrower numbers hash as the widest of their kind, so a value's
    // hash does not depend on the width of the field that holds it.
    widen!(
        serialize_i8(i8) => serialize_i64(i64),
        serialize_i16(i16) => serialize_i64(i64),
        serialize_i32(i32) => serialize_i64(i64),
        serialize_u8(u8) => serialize_u64(u64),
        serialize_u16(u16) => serialize_u64(u64),
        serialize_u32(u32) => serialize_u64(u64),
        serialize_f32(f32) => serialize_f64(f64),
        serialize_char(char) => serialize_u64(u64)
    );

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.feed(&[1, u8::from(v)]);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Never> {
        self.tag(2);
        self.feed(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Never> {
        self.tag(3);
        self.feed(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.tag(4);
        self.feed(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.bytes(5, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.bytes(6, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.tag(7);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Never> {
        self.tag(8);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.tag(9);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Never> {
        self.bytes(10, v.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.bytes(11, variant.as_bytes());
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(12);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.tag(12);
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.tag(12);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.bytes(11, variant.as_bytes());
        self.tag(12);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(13);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.tag(13);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.bytes(11, variant.as_bytes());
        self.tag(13);
        Ok(self)
    }
}

/// Elements are framed by a tag each; the end of a sequence or map by
/// another, so `[[a], b]` and `[[a, b]]` differ.
impl ser::SerializeSeq for &mut Hasher {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Never> {
        self.tag(14);
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.tag(15);
        Ok(())
    }
}

/// Tuples and tuple structs and variants hash as sequences (their
/// framing tells them apart from what follows).
macro_rules! as_sequence {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Hasher {
            type Ok = ();
            type Error = Never;
            fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Never> {
                ser::SerializeSeq::serialize_element(self, v)
            }
            fn end(self) -> Result<(), Never> {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Hasher {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Result<(), Never> {
        self.tag(14);
        k.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Never> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.tag(15);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Hasher {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.bytes(14, key.as_bytes());
        v.serialize(&mut **self)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Never> {
        self.bytes(16, key.as_bytes());
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.tag(15);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Hasher {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Never> {
        self.tag(15);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::hash;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Page<'a> {
        name: &'a str,
        values: Vec<f64>,
        note: Option<&'a str>,
    }

    #[test]
    fn equal_values_hash_alike_and_any_change_shows() {
        let a = Page {
            name: "acme",
            values: vec![1.0, 2.5],
            note: None,
        };
        let same = Page {
            name: "acme",
            values: vec![1.0, 2.5],
            note: None,
        };
        assert_eq!(hash(&a), hash(&same));
        let changed = [
            Page {
                name: "acmf",
                ..same
            },
            Page {
                name: "acme",
                values: vec![1.0, 2.25],
                note: None,
            },
            Page {
                name: "acme",
                values: vec![1.0, 2.5],
                note: Some(""),
            },
        ];
        for c in &changed {
            assert_ne!(hash(&a), hash(c));
        }
    }

    #[test]
    fn the_framing_tells_nested_lists_and_split_strings_apart() {
        assert_ne!(hash(&vec![vec![1, 2]]), hash(&vec![vec![1], vec![2]]));
        assert_ne!(hash(&("ab", "c")), hash(&("a", "bc")));
        let m1: BTreeMap<&str, &str> = [("a", "bc")].into();
        let m2: BTreeMap<&str, &str> = [("ab", "c")].into();
        assert_ne!(hash(&m1), hash(&m2));
    }

    #[test]
    fn the_hash_is_stable_across_builds() {
        // Recorded in the output's marker: a change of encoding must change
        // VERSION, and this value with it.
        assert_eq!(hash(&("dossier", 1u32, 2.5f64)), 0x2293ff60f8e94b6b);
    }

    #[test]
    fn values_longer_than_the_buffer_hash_as_before() {
        // Recorded before the bytes were gathered into blocks: a value
        // that crosses the buffer many times must keep its hash.
        let long = ("x".repeat(40_000), (0..5_000u32).collect::<Vec<_>>(), "y");
        assert_eq!(hash(&long), 2787475710228564029);
    }
}
