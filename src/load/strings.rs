//! Whether any string of a `Serialize` value passes a test, fed straight
//! from serde: nothing is formatted, nothing allocated. The image check
//! asks it of every customer (at 10,000 customers, writing each one out as
//! JSON text to search it took longer than the rest of the check).

// The scan stops early by failing: a string passed the test.
use crate::stablehash::Never as Found;
use serde::ser::{self, Serialize};

/// True when `test` holds for a string of `value` (keys, variant names
/// and field names are not looked at); stops at the first.
pub fn any(value: &impl Serialize, test: impl Fn(&str) -> bool) -> bool {
    let mut scan = Scan { test, found: false };
    let _ = value.serialize(&mut scan);
    scan.found
}

struct Scan<F> {
    test: F,
    found: bool,
}

/// `Serializer` methods for values that hold no string.
macro_rules! nothing {
    ($($method:ident($($t:ty),*)),*) => {$(
        fn $method(self, $(_: $t),*) -> Result<(), Found> {
            Ok(())
        }
    )*};
}

/// `Serializer` methods for compounds: their elements are scanned.
macro_rules! compound {
    ($($method:ident($($t:ty),*)),*) => {$(
        fn $method(self, $(_: $t),*) -> Result<Self, Found> {
            Ok(self)
        }
    )*};
}

impl<F: Fn(&str) -> bool> ser::Serializer for &mut Scan<F> {
    type Ok = ();
    type Error = Found;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    nothing!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str)
    );
    compound!(
        serialize_seq(Option<usize>),
        serialize_tuple(usize),
        serialize_tuple_struct(&'static str, usize),
        serialize_tuple_variant(&'static str, u32, &'static str, usize),
        serialize_map(Option<usize>),
        serialize_struct(&'static str, usize),
        serialize_struct_variant(&'static str, u32, &'static str, usize)
    );

    fn serialize_str(self, v: &str) -> Result<(), Found> {
        if (self.test)(v) {
            self.found = true;
            return Err(Found);
        }
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Found> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(self)
    }
}

/// The compound `Serialize*` traits: each element or field is scanned
/// (a struct's field names are not).
macro_rules! scan_each {
    ($($name:ident :: $method:ident ($($key:ty)?)),*) => {$(
        impl<F: Fn(&str) -> bool> ser::$name for &mut Scan<F> {
            type Ok = ();
            type Error = Found;
            fn $method<T: ?Sized + Serialize>(&mut self, $(_: $key,)? v: &T) -> Result<(), Found> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Found> {
                Ok(())
            }
        }
    )*};
}

scan_each!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(&'static str),
    SerializeStructVariant::serialize_field(&'static str)
);

impl<F: Fn(&str) -> bool> ser::SerializeMap for &mut Scan<F> {
    type Ok = ();
    type Error = Found;
    /// Map keys are names, not text shown as Markdown.
    fn serialize_key<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Found> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Found> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::any;
    use std::collections::BTreeMap;

    #[test]
    fn every_string_value_is_looked_at_and_nothing_else() {
        #[derive(serde::Serialize)]
        struct Inner {
            notes: Option<String>,
            tags: Vec<String>,
        }
        #[derive(serde::Serialize)]
        struct Outer {
            name: String,
            score: f64,
            inner: Vec<Inner>,
            by_key: BTreeMap<String, String>,
        }
        let value = |notes: &str, tag: &str, keyed: (&str, &str)| Outer {
            name: "Acme".into(),
            score: 1.5,
            inner: vec![Inner {
                notes: Some(notes.into()),
                tags: vec!["a".into(), tag.into()],
            }],
            by_key: [(keyed.0.to_string(), keyed.1.to_string())].into(),
        };
        let has_image = |s: &str| s.contains("![");
        assert!(!any(&value("plain", "b", ("k", "v")), has_image));
        assert!(any(&value("see ![x](y.png)", "b", ("k", "v")), has_image));
        assert!(any(&value("plain", "![t](u)", ("k", "v")), has_image));
        assert!(any(&value("plain", "b", ("k", "![v](w)")), has_image));
        // A key is a name, not text.
        assert!(!any(&value("plain", "b", ("![k](l)", "v")), has_image));
    }
}
