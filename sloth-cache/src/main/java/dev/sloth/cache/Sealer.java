package dev.sloth.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and checks stored records: {@code [payload][CRC32C of payload: 4][HMAC-SHA256 of key and payload: 32]}.
 * The CRC tells a damaged record (a torn write, a flipped bit) from a forged one; the HMAC, keyed by a secret only
 * the owner can read, means a record written by anyone without the secret, or moved to another key, is rejected.
 * Both are checked before a byte of the payload is decoded.
 *
 * <p>The secret is 32 random bytes in {@code <dir>/secret}, created owner-read/write only. Two processes opening a
 * new cache at once agree on one secret: each writes its candidate to a private file and publishes it with a hard
 * link, which fails if the name exists; the loser reads the winner's complete file.
 */
final class Sealer {
  static final int OVERHEAD = 4 + 32;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Mac prototype;
  private final ThreadLocal<Mac> macs;

  private Sealer(byte[] secret) {
    try {
      prototype = Mac.getInstance("HmacSHA256");
      prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
    macs = ThreadLocal.withInitial(() -> {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The sealer of the cache in {@code dir}, creating its secret if there is none. */
  static Sealer open(Path dir) {
    Path file = dir.resolve("secret");
    try {
      if (!Files.exists(file)) {
        create(dir, file);
      }
      checkOwnerOnly(file);
      byte[] secret = Files.readAllBytes(file);
      if (secret.length != 32) {
        throw new IllegalStateException("the cache secret " + file + " has " + secret.length + " bytes instead of 32; "
            + "delete the cache directory to start afresh");
      }
      return new Sealer(secret);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the cache secret " + file, e);
    }
  }

  private static void create(Path dir, Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    Path candidate = posix
        ? Files.createTempFile(dir, "secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, "secret", ".tmp");
    try {
      Files.write(candidate, secret);
      try (var ch = java.nio.channels.FileChannel.open(candidate, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.createLink(file, candidate);
      } catch (FileAlreadyExistsException lostTheRace) {
        // another process published its secret first: use that one
      }
    } finally {
      Files.deleteIfExists(candidate);
    }
  }

  private static void checkOwnerOnly(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> p = view.readAttributes().permissions();
    if (!OWNER_ONLY.containsAll(p)) {
      throw new IllegalStateException("the cache secret " + file + " is readable or writable by others ("
          + PosixFilePermissions.toString(p) + "); anyone who can read it can forge cache records. Make it "
          + "owner-only (chmod 600) or delete the cache directory");
    }
  }

  /** The stored form of {@code payload[0, len)} under {@code key}. */
  byte[] seal(byte[] key, byte[] payload, int len) {
    byte[] out = new byte[len + OVERHEAD];
    System.arraycopy(payload, 0, out, 0, len);
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, len);
    int c = (int) crc.getValue();
    out[len] = (byte) (c >>> 24);
    out[len + 1] = (byte) (c >>> 16);
    out[len + 2] = (byte) (c >>> 8);
    out[len + 3] = (byte) c;
    Mac mac = macs.get();
    mac.update(key);
    mac.update(payload, 0, len);
    try {
      mac.doFinal(out, len + 4);
    } catch (javax.crypto.ShortBufferException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** The payload length of a sealed record, after checking it; throws {@link Bytes.Corrupt} if it does not check. */
  int check(byte[] key, byte[] record) {
    int len = record.length - OVERHEAD;
    if (len < 0) {
      throw new Bytes.Corrupt("corrupt: " + record.length + " bytes is shorter than any record");
    }
    CRC32C crc = new CRC32C();
    crc.update(record, 0, len);
    int c = (int) crc.getValue();
    int stored = ((record[len] & 0xFF) << 24) | ((record[len + 1] & 0xFF) << 16) | ((record[len + 2] & 0xFF) << 8)
        | (record[len + 3] & 0xFF);
    if (c != stored) {
      throw new Bytes.Corrupt("corrupt: its checksum does not match");
    }
    Mac mac = macs.get();
    mac.update(key);
    mac.update(record, 0, len);
    byte[] expected = mac.doFinal();
    int diff = 0; // every byte compared, whatever differs first: the check takes the same time
    for (int i = 0; i < expected.length; i++) {
      diff |= expected[i] ^ record[len + 4 + i];
    }
    if (diff != 0) {
      throw new Bytes.Corrupt("tampered: its HMAC does not match (written without this cache's secret, or moved "
          + "from another key)");
    }
    return len;
  }
}
