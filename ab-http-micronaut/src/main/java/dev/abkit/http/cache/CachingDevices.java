package dev.abkit.http.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the most recently seen devices in memory. A device never changes once registered (R1, R2),
 * so a cached one is never stale and needs no expiry, only a bound. The bound is in bytes of heap,
 * not in devices: a device with a 200-character token and twenty assignments costs fifteen times
 * one with a short token and two, and a count would let the cache outgrow the heap. Misses and
 * registrations go to the wrapped port; failures are not cached.
 */
public final class CachingDevices implements Devices {

    private final Devices delegate;
    private final Cache<DeviceToken, Device> cache;

    /** @param maximumBytes heap the cached devices may take, as {@link DeviceFootprint} estimates it */
    public CachingDevices(Devices delegate, long maximumBytes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher((DeviceToken token, Device device) -> DeviceFootprint.bytes(device))
                .build();
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        Device cached = cache.getIfPresent(token);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Device> found = delegate.find(token);
        found.ifPresent(device -> cache.put(token, device));
        return found;
    }

    @Override
    public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
        Device device = delegate.registerOnce(token, firstSeen, enrollment);
        cache.put(token, device);
        return device;
    }

    /** Whether {@link #find} answers this token from memory, without touching the wrapped port. */
    public boolean isCached(DeviceToken token) {
        return cache.getIfPresent(token) != null;
    }
}
