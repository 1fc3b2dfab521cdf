//! How domain values are stored: instants, dates and vocabularies as text, through sqlx's
//! `Any` driver, so that one query serves both databases.

use crate::domain::partnership::{CouncilKind, FocalPointKind, OrganisationKind, Side, SizeClass};
use crate::domain::{Date, Timestamp, Tlp};
use sqlx::any::{Any, AnyTypeInfo};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

/// Implements `Type`, `Encode` and `Decode` for `Any` on a type stored as text, given how to
/// write it (`to`) and read it back (`from`).
macro_rules! stored_as_text {
    ($ty:ty, to = $to:expr, from = $from:expr) => {
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }
            fn compatible(ty: &AnyTypeInfo) -> bool {
                <String as Type<Any>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                let text: String = ($to)(self);
                <String as Encode<'q, Any>>::encode(text, buf)
            }
        }

        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <String as Decode<'r, Any>>::decode(value)?;
                ($from)(text.as_str()).map_err(Into::into)
            }
        }
    };
}

/// The same, for a vocabulary declared with `vocabulary!`.
macro_rules! vocabulary_as_text {
    ($($ty:ty),+ $(,)?) => {
        $(
            stored_as_text!($ty, to = |v: &$ty| v.code().to_owned(), from = |s: &str| s.parse::<$ty>());
        )+
    };
}

stored_as_text!(
    Timestamp,
    to = |t: &Timestamp| t.to_db_text(),
    from = Timestamp::parse_db_text
);
stored_as_text!(Date, to = |d: &Date| d.to_db_text(), from = Date::parse);
vocabulary_as_text!(
    Tlp,
    Side,
    OrganisationKind,
    SizeClass,
    CouncilKind,
    FocalPointKind,
    crate::domain::plan::PlanVersionStatus,
    crate::domain::plan::CommitmentStatus,
    crate::domain::motion::MotionKind,
    crate::domain::motion::MotionStatus,
    crate::domain::motion::Threshold,
    crate::domain::motion::BallotMode,
    crate::domain::motion::BallotChoice,
    crate::domain::motion::MotionOutcome,
    crate::domain::notification::NotificationKind,
    crate::domain::records::RecordType,
    crate::domain::records::GrantedRole
);
