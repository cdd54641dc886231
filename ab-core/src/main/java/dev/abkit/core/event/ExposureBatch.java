package dev.abkit.core.event;

import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The exposures of one request from one device, 1 to {@link #MAX_EXPOSURES}, all valid: as with events,
 * one invalid exposure refuses the request whole ({@code exposures[2].experiment}). Repeats are kept
 * here; the store keeps only the earliest per device and experiment.
 *
 * @param single whether the request was the single form, {@code {"experiment": KEY}}: checks made after
 *               parsing (is there such an experiment?) name its fields as the client wrote them
 */
public record ExposureBatch(List<Exposure> exposures, boolean single) {

    public static final int MAX_EXPOSURES = 1000;

    public ExposureBatch {
        exposures = List.copyOf(exposures);
        if (exposures.isEmpty() || exposures.size() > MAX_EXPOSURES) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_EXPOSURES + " exposures");
        }
        if (single && exposures.size() != 1) {
            throw new IllegalArgumentException("the single form holds one exposure (got " + exposures.size() + ")");
        }
    }

    /** A batch in the {@code {"exposures": [...]}} form. */
    public ExposureBatch(List<Exposure> exposures) {
        this(exposures, false);
    }

    /** The field holding the experiment of exposure {@code index}, as the client wrote it. */
    public String experimentField(int index) {
        Objects.checkIndex(index, exposures.size());
        return single ? "experiment" : "exposures[" + index + "].experiment";
    }

    /**
     * The {@code {"exposures": [...]}} form: fields are named {@code exposures[i].experiment} and so on.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public static ExposureBatch of(DeviceToken device, List<ExposureInput> inputs, Receipt receipt) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_EXPOSURES) {
            throw new InvalidEventException("exposures", "a batch must hold 1 to " + MAX_EXPOSURES
                    + " exposures (got " + (inputs == null ? 0 : inputs.size()) + ")");
        }
        List<Exposure> exposures = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            String prefix = "exposures[" + i + "]";
            exposures.add(exposure(device, inputs.get(i), receipt, prefix, field -> prefix + "." + field));
        }
        return new ExposureBatch(exposures);
    }

    /** The single form, {@code {"experiment": KEY}}: fields are named {@code experiment} and {@code at}. */
    public static ExposureBatch single(DeviceToken device, ExposureInput input, Receipt receipt) {
        return new ExposureBatch(List.of(exposure(device, input, receipt, "exposure", Function.identity())), true);
    }

    private static Exposure exposure(DeviceToken device, ExposureInput input, Receipt receipt, String whole,
                                     Function<String, String> fieldName) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(receipt, "receipt");
        if (input == null) {
            throw new InvalidEventException(whole, "an exposure must be a JSON object");
        }
        ExperimentKey experiment = Checked.field(fieldName.apply("experiment"), () -> new ExperimentKey(input.experiment()));
        Instant at = Checked.field(fieldName.apply("at"), () -> receipt.corrected(input.at()));
        return new Exposure(device, experiment, at);
    }
}
