//! Lower-case hex of a SHA-256 output, on the stack.

/// The 64 lower-case hex digits of a 32-byte digest.
#[derive(Clone, Copy)]
pub(crate) struct HexDigest([u8; 64]);

impl HexDigest {
    /// Encodes `bytes`.
    pub(crate) fn new(bytes: &[u8; 32]) -> Self {
        let mut out = [0u8; 64];
        // 64 digits are exactly what 32 bytes take.
        const_hex::encode_to_slice(bytes, &mut out)
            .unwrap_or_else(|_| unreachable!("64 hex digits hold 32 bytes"));
        HexDigest(out)
    }

    /// The digits as bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The digits as text.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and letters were written.
        std::str::from_utf8(&self.0).unwrap_or_else(|_| unreachable!("hex digits are ASCII"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_lower_case_digits() {
        let mut bytes = [0u8; 32];
        bytes[..4].copy_from_slice(&[0x00, 0x9f, 0xa5, 0xff]);
        let digest = HexDigest::new(&bytes);
        assert_eq!(digest.as_str(), format!("009fa5ff{}", "0".repeat(56)));
        assert_eq!(digest.as_bytes().len(), 64);
    }
}
