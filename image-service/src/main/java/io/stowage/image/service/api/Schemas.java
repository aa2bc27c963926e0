package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON schemas of {@code /v2/schemas/image} and {@code /v2/schemas/images}, and the
 * versions document. python-glanceclient builds its image model from the image schema and
 * validates every image against it, so the documents the service renders must pass it.
 */
final class Schemas {
    /** The container and disk formats an image may declare (Glance's defaults). */
    static final List<String> CONTAINER_FORMATS = List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
    static final List<String> DISK_FORMATS = List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");

    private final byte[] image;
    private final byte[] images;
    private final byte[] member;
    private final byte[] members;

    Schemas() {
        ObjectNode imageSchema = load("image-schema.json");
        this.image = JsonBodies.write(imageSchema);
        ObjectNode imagesSchema = JsonBodies.MAPPER.createObjectNode();
        imagesSchema.put("name", "images");
        ObjectNode properties = imagesSchema.putObject("properties");
        ObjectNode list = properties.putObject("images");
        list.put("type", "array");
        list.set("items", imageSchema);
        properties.putObject("schema").put("type", "string");
        properties.putObject("first").put("type", "string");
        properties.putObject("next").put("type", "string");
        var links = imagesSchema.putArray("links");
        links.addObject().put("rel", "first").put("href", "{first}");
        links.addObject().put("rel", "next").put("href", "{next}");
        links.addObject().put("rel", "describedby").put("href", "{schema}");
        this.images = JsonBodies.write(imagesSchema);
        ObjectNode memberSchema = JsonBodies.MAPPER.createObjectNode();
        memberSchema.put("name", "member");
        ObjectNode memberProperties = memberSchema.putObject("properties");
        for (String key : List.of("created_at", "updated_at", "image_id", "member_id", "schema")) {
            memberProperties.putObject(key).put("type", "string");
        }
        var statuses = memberProperties.putObject("status").put("type", "string").putArray("enum");
        statuses.add("pending").add("accepted").add("rejected");
        this.member = JsonBodies.write(memberSchema);
        ObjectNode membersSchema = JsonBodies.MAPPER.createObjectNode();
        membersSchema.put("name", "members");
        ObjectNode membersProperties = membersSchema.putObject("properties");
        membersProperties.putObject("members").put("type", "array").set("items", memberSchema);
        membersProperties.putObject("schema").put("type", "string");
        membersSchema.putArray("links").addObject().put("rel", "describedby").put("href", "{schema}");
        this.members = JsonBodies.write(membersSchema);
    }

    byte[] member() {
        return member.clone();
    }

    byte[] members() {
        return members.clone();
    }

    byte[] image() {
        return image.clone();
    }

    byte[] images() {
        return images.clone();
    }

    /** The versions document: v2.0 to v2.9 supported, v2.9 current (Glance 25 lists up to 2.17). */
    static ObjectNode versions(String baseUrl) {
        ObjectNode document = JsonBodies.MAPPER.createObjectNode();
        var list = document.putArray("versions");
        String[] ids = {"v2.9", "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"};
        for (String id : ids) {
            ObjectNode version = list.addObject();
            version.put("id", id);
            version.put("status", id.equals("v2.9") ? "CURRENT" : "SUPPORTED");
            version.putArray("links").addObject().put("rel", "self").put("href", baseUrl + "/v2/");
        }
        return document;
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream("/io/stowage/image/service/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + resource + " is missing from the jar");
            }
            JsonNode node = JsonBodies.MAPPER.readTree(in);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
