package org.civicpulse.streaming;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.civicpulse.streaming.model.RawEvent;

/** A bounded source emitting the given records in order (run it with parallelism 1 to keep the order). */
public final class BoundedSource {

    private BoundedSource() {
    }

    public static DataGeneratorSource<RawEvent> of(List<RawEvent> records) {
        ArrayList<RawEvent> copy = new ArrayList<>(records);
        return new DataGeneratorSource<>(i -> copy.get(i.intValue()), copy.size(), TypeInformation.of(RawEvent.class));
    }
}
