//! Internal macros: WeChat string enums with a catch-all variant, and `Debug` impls that
//! hide personal data.

/// Declares a string enum of WeChat values with a catch-all `Unknown(String)` variant: a
/// value this version does not know decodes into `Unknown` and serializes back unchanged.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this version does not know, kept verbatim. `From<&str>` never produces
            /// it for a known value.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as WeChat writes it.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unknown(value.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)
                    .map(|value| Self::from(value.as_ref()))
            }
        }
    };
}
pub(crate) use string_enum;

/// Implements `Debug` for a struct, showing `<redacted>` instead of the personal fields
/// (`openid`, `sub_openid`, `authorization_code`; `Option<String>` or `String`). Every field must be listed: the
/// destructuring makes a forgotten field a compile error.
macro_rules! redacted_debug {
    ($name:ident { $($field:ident),* $(,)? } redact { $($secret:ident),+ $(,)? }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let Self { $($field,)* $($secret,)+ } = self;
                f.debug_struct(stringify!($name))
                    $( .field(stringify!($field), $field) )*
                    $( .field(stringify!($secret), &$crate::types::Redact::redacted($secret)) )+
                    .finish()
            }
        }
    };
}
pub(crate) use redacted_debug;
