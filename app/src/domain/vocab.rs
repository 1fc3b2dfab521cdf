//! Closed vocabularies stored as text: a macro that gives each one its stable database/URL
//! code, a human label, parsing, and serde as the code.

/// Declares an enum whose variants each have a stable code (stored in the database and
/// used in URLs and JSON) and a human-readable label.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => ($code:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The stable code stored in the database and used in URLs and JSON.
            pub const fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            /// A label for people.
            pub const fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }

            /// Parses a stable code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $( $code => Some($name::$variant), )+ _ => None }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::vocab::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s).ok_or_else(|| $crate::domain::vocab::UnknownCode {
                    vocabulary: stringify!($name),
                    code: s.chars().take(64).collect(),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                code.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

/// A code that is not part of a vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code:?} is not a known {vocabulary} code")]
pub struct UnknownCode {
    /// The vocabulary's type name.
    pub vocabulary: &'static str,
    /// The code that was given (at most 64 characters of it).
    pub code: String,
}

#[cfg(test)]
mod tests {
    use crate::domain::partnership::Side;

    #[test]
    fn every_code_parses_back_to_its_value() {
        for side in Side::ALL {
            assert_eq!(side.code().parse::<Side>(), Ok(*side));
        }
    }

    #[test]
    fn an_unknown_code_names_the_vocabulary() {
        let err = "sideways".parse::<Side>().unwrap_err();
        assert_eq!(err.to_string(), "\"sideways\" is not a known Side code");
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            serde_json::to_string(&Side::NonProfit).ok().as_deref(),
            Some("\"non_profit\"")
        );
        assert_eq!(
            serde_json::from_str::<Side>("\"public\"").ok(),
            Some(Side::Public)
        );
        assert!(serde_json::from_str::<Side>("\"Public\"").is_err());
    }
}
