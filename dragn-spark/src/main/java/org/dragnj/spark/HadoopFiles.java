package org.dragnj.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.dragnj.bags.io.AtomicFiles;

/**
 * Files behind URIs (file:, hdfs:, s3a:, …) through Hadoop's FileSystem API, moved to and from the
 * local disk where the single-machine code reads and writes them. Serializable: it carries the
 * driver's Hadoop settings (credentials, endpoints) to the executors as plain key/value pairs.
 */
public final class HadoopFiles implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> settings;
    private transient Configuration conf;

    public HadoopFiles(Configuration conf) {
        Map<String, String> s = new HashMap<>();
        conf.forEach(e -> s.put(e.getKey(), e.getValue()));
        this.settings = s;
        this.conf = conf;
    }

    private Configuration conf() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }

    /** The file system of {@code uri}; a local one writes no .crc side files (the output must equal the single-machine one). */
    public FileSystem fs(URI uri) throws IOException {
        FileSystem fs = FileSystem.get(uri, conf());
        fs.setWriteChecksum(false);
        return fs;
    }

    public static org.apache.hadoop.fs.Path path(URI uri) {
        return new org.apache.hadoop.fs.Path(uri);
    }

    /**
     * Copies a remote file to {@code local}, keeping its modification time (to the millisecond): the HPA
     * completion markers identify a source by name, size and time.
     */
    public void download(URI remote, Path local) throws IOException {
        FileSystem fs = fs(remote);
        org.apache.hadoop.fs.Path p = path(remote);
        FileStatus status;
        try {
            status = fs.getFileStatus(p);
        } catch (java.io.FileNotFoundException e) {
            throw new java.nio.file.NoSuchFileException(remote.toString(), null, "no such file");
        }
        Files.createDirectories(local.toAbsolutePath().getParent());
        try (InputStream in = fs.open(p)) {
            Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setLastModifiedTime(local, FileTime.fromMillis(status.getModificationTime()));
    }

    /** Writes {@code local} to {@code remote} under a hidden temporary name, then renames it into place. */
    public void upload(Path local, URI remote) throws IOException {
        FileSystem fs = fs(remote);
        org.apache.hadoop.fs.Path target = path(remote);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                AtomicFiles.temporaryName(target.getName(), ".tmp"));
        try (OutputStream out = fs.create(tmp, true)) {
            Files.copy(local, out);
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot move " + tmp + " to " + target);
        }
    }

    /** A URI as given, or a local path made absolute (a relative path means the same on every executor only so). */
    public static URI uri(String s) {
        URI u = URI.create(s.replace(" ", "%20"));
        return u.getScheme() != null && u.getScheme().length() > 1 ? u : Path.of(s).toAbsolutePath().toUri();
    }

    /** The URI of {@code child} (a name or a relative path with '/') inside the folder {@code folder}. */
    public static URI child(URI folder, String child) {
        return new org.apache.hadoop.fs.Path(path(folder), child).toUri();
    }
}
