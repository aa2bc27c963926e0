package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.Member;
import io.stowage.image.service.registry.MemberRegistry;
import io.stowage.image.service.registry.MemberStatus;
import io.stowage.image.service.registry.Visibility;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v2/images/{id}/members}: the owner shares a {@code shared} image with projects
 * ({@code pending}), each member accepts or rejects it (only accepted images are listed for it by
 * default), the owner removes members. A member sees its own membership only; everyone else who
 * cannot see the image gets 404.
 */
final class ImageMembers {
    private final ServiceParts parts;

    ImageMembers(ServiceParts parts) {
        this.parts = parts;
    }

    ObjectNode add(Caller caller, String id, JsonNode body) throws ApiException {
        Image image = owned(caller, id);
        if (image.attributes().visibility() != Visibility.SHARED) {
            throw ApiException.forbidden("Image " + id + " is " + image.attributes().visibility().id()
                    + "; only shared images have members");
        }
        JsonNode member = body.path("member");
        if (!body.isObject() || !member.isTextual() || member.textValue().isEmpty()
                || member.textValue().length() > ImageEdits.MAX_NAME) {
            throw ApiException.badRequest("The request body must be {\"member\": \"<project id>\"}");
        }
        Member added = members().add(id, member.textValue()).orElseThrow(() -> ApiException.conflict(
                "Project " + ListParameters.quote(member.textValue()) + " is already a member of image " + id));
        return render(added);
    }

    ObjectNode list(Caller caller, String id) throws ApiException {
        Image image = visible(caller, id);
        List<Member> all = members().list(id);
        List<Member> shown = caller.canModify(image) ? all
                : all.stream().filter(member -> caller.project().equals(Optional.of(member.member()))).toList();
        ObjectNode document = JsonBodies.MAPPER.createObjectNode();
        ArrayNode list = document.putArray("members");
        shown.forEach(member -> list.add(render(member)));
        document.put("schema", "/v2/schemas/members");
        return document;
    }

    ObjectNode show(Caller caller, String id, String member) throws ApiException {
        Image image = visible(caller, id);
        if (!caller.canModify(image) && !caller.project().equals(Optional.of(member))) {
            throw ApiException.notFound("Project " + ListParameters.quote(member) + " is not a member of image " + id);
        }
        return render(members().find(id, member).orElseThrow(() -> notMember(id, member)));
    }

    ObjectNode answer(Caller caller, String id, String member, JsonNode body) throws ApiException {
        visible(caller, id);
        if (!caller.project().equals(Optional.of(member))) {
            throw ApiException.forbidden("Only the member itself may accept or reject image " + id);
        }
        Optional<MemberStatus> status = body.isObject() && body.path("status").isTextual()
                ? MemberStatus.fromId(body.get("status").textValue()) : Optional.empty();
        if (status.isEmpty()) {
            throw ApiException.badRequest("The request body must be {\"status\": \"accepted\" | \"rejected\" | \"pending\"}");
        }
        return render(members().answer(id, member, status.get()).orElseThrow(() -> notMember(id, member)));
    }

    void remove(Caller caller, String id, String member) throws ApiException {
        owned(caller, id);
        if (!members().remove(id, member)) {
            throw notMember(id, member);
        }
    }

    private Image visible(Caller caller, String id) throws ApiException {
        return parts.registry().find(id).filter(found -> caller.canSee(found, members()))
                .orElseThrow(() -> ApiException.imageNotFound(id));
    }

    private Image owned(Caller caller, String id) throws ApiException {
        Image image = visible(caller, id);
        if (!caller.canModify(image)) {
            throw ApiException.forbidden("Only the owner of image " + id + " may change its members");
        }
        return image;
    }

    private MemberRegistry members() {
        return parts.registry().members();
    }

    private static ApiException notMember(String id, String member) {
        return ApiException.notFound("Project " + ListParameters.quote(member) + " is not a member of image " + id);
    }

    private static ObjectNode render(Member member) {
        ObjectNode node = JsonBodies.MAPPER.createObjectNode();
        node.put("created_at", ImageDocuments.timestamp(member.createdAt()));
        node.put("updated_at", ImageDocuments.timestamp(member.updatedAt()));
        node.put("image_id", member.imageId());
        node.put("member_id", member.member());
        node.put("status", member.status().id());
        node.put("schema", "/v2/schemas/member");
        return node;
    }
}
