package org.parley.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the indexes of a database again from its documents, for an embedded store reopened
 * after a process was killed (see {@link Store}): an index entry lost or left behind then
 * would hide a document from the lookups that go by that index.
 */
final class IndexRebuild {

    private static final System.Logger LOG = System.getLogger(IndexRebuild.class.getName());

    private IndexRebuild() {
    }

    /** Drops and creates again every index but {@code _id} of every collection. */
    static int all(MongoDatabase database) {
        int rebuilt = 0;
        for (String name : database.listCollectionNames()) {
            MongoCollection<Document> collection = database.getCollection(name);
            List<Document> indexes = collection.listIndexes().into(new ArrayList<>());
            for (Document index : indexes) {
                String indexName = index.getString("name");
                if ("_id_".equals(indexName)) {
                    continue;
                }
                collection.dropIndex(indexName);
                IndexOptions options = new IndexOptions().name(indexName)
                        .unique(index.getBoolean("unique", false))
                        .sparse(index.getBoolean("sparse", false));
                try {
                    collection.createIndex(index.get("key", Document.class), options);
                    rebuilt++;
                } catch (MongoException e) {
                    // The documents break the index (two with one unique key): lookups read
                    // the collection instead, still finding every document.
                    LOG.log(System.Logger.Level.ERROR, "Index " + indexName + " of " + name
                            + " could not be built again (" + e.getCode() + "); it is left out",
                            e);
                }
            }
        }
        return rebuilt;
    }
}
