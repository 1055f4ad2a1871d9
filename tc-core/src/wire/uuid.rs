//! Random identifiers in UUID version 4 text form, for idempotency tokens
//! (`ClientToken`) and, in the local endpoint, RequestIds.

/// A fresh random UUID v4 string such as `71e69b56-32be-4412-ab45-49eded6a87be`.
/// Unique in practice, not secret: do not use it as a key.
pub(crate) fn random_uuid() -> String {
    let bits = fastrand::u128(..);
    // Version 4 in the 13th digit, variant `10` in the top bits of the 17th.
    let bits = (bits & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_uuid_v4_layout() {
        for _ in 0..100 {
            let id = random_uuid();
            let parts: Vec<&str> = id.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'), "{id}");
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{id}");
        }
        assert_ne!(random_uuid(), random_uuid());
    }
}
