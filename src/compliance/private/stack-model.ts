import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/** A resource or data source as Terraform will read it: tokens resolved, snake_case. */
export interface Element {
  readonly construct: TerraformResource | TerraformDataSource;
  readonly type: string;
  /** The name in the Terraform address (the construct's friendly unique id). */
  readonly name: string;
  /** `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  readonly config: Record<string, unknown>;
}

/**
 * The S3 and KMS resources and IAM policy documents of one stack, read when the check
 * runs. Buckets and keys to check come from the aspect's visits, but what is linked to
 * them is looked up stack-wide: a bucket's encryption, policy or log delivery may be
 * defined outside the scope the aspect was added to.
 */
export class StackModel {
  public static read(stack: TerraformStack): StackModel {
    const resolver = new DefaultTokenResolver(new StringConcat());
    const elements = stack.node.findAll()
      .filter((c): c is TerraformResource | TerraformDataSource =>
        (TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c)) && isRelevant(c))
      .filter((c) => TerraformStack.of(c) === stack)
      .map((construct) => toElement(construct, Tokenization.resolve(construct.toTerraform(), { scope: stack, resolver })))
      .filter((e): e is Element => e !== undefined);
    return new StackModel(elements);
  }

  private readonly byConstruct = new Map<IConstruct, Element>();
  private readonly byAddress = new Map<string, Element>();
  private readonly resourcesByType = new Map<string, Element[]>();
  /** Per resource type, the resources that name each bucket (by reference or literal name). */
  private readonly bucketLinks = new Map<string, Map<string, Element[]>>();

  private constructor(elements: Element[]) {
    for (const element of elements) {
      this.byConstruct.set(element.construct, element);
      this.byAddress.set(element.address, element);
      if (TerraformResource.isTerraformResource(element.construct)) {
        const sameType = this.resourcesByType.get(element.type);
        if (sameType) sameType.push(element);
        else this.resourcesByType.set(element.type, [element]);
      }
    }
  }

  /** The element of a construct, if it is a resource that will be synthesized. */
  public elementOf(construct: IConstruct): Element | undefined {
    return this.byConstruct.get(construct);
  }

  public resources(type: string): Element[] {
    return this.resourcesByType.get(type) ?? [];
  }

  public dataSource(type: string, name: string): Record<string, unknown> | undefined {
    return this.byAddress.get(`data.${type}.${name}`)?.config;
  }

  /** Resources of `type` whose `bucket` argument names `bucket`. */
  public linkedToBucket(type: string, bucket: Element): Element[] {
    let links = this.bucketLinks.get(type);
    if (!links) {
      // Indexed once per type: scanning every resource per bucket would grow quadratically.
      links = new Map();
      for (const element of this.resources(type)) {
        const key = bucketKey(element.config.bucket);
        if (key) links.set(key, [...(links.get(key) ?? []), element]);
      }
      this.bucketLinks.set(type, links);
    }
    const byName = bucketKey(bucket.config.bucket);
    const linked = [...(links.get(`ref:${bucket.name}`) ?? []), ...(byName?.startsWith('name:') ? links.get(byName) ?? [] : [])];
    return [...new Set(linked)];
  }

  /** Whether some `aws_s3_bucket_logging` (or inline `logging` block) delivers into `bucket`. */
  public isLogTarget(bucket: Element): boolean {
    const targets = [
      ...this.resources('aws_s3_bucket_logging').map((e) => e.config.target_bucket),
      ...this.resources('aws_s3_bucket').flatMap((e) => blockList(e.config.logging ?? []) ?? []).map((b) => b.target_bucket),
    ];
    return targets.some((target) => namesBucket(target, bucket));
  }

  /** Resources of `type` whose `key_id` argument refers to `key`. */
  public linkedToKey(type: string, key: Element): Element[] {
    return this.resources(type).filter((e) => {
      const ref = typeof e.config.key_id === 'string' ? KEY_REF.exec(e.config.key_id) : null;
      return ref?.[1] === key.name;
    });
  }
}

/** Nested blocks as a list, whether cdktf rendered one block or a list; undefined for a token. */
export function blockList(raw: unknown): Array<Record<string, unknown>> | undefined {
  const items = Array.isArray(raw) ? raw : [raw];
  return items.every(isObject) ? items : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `${aws_s3_bucket.NAME.id}` or `.bucket`, optionally indexed (`count`, `for_each`). */
const BUCKET_REF = /^\$\{aws_s3_bucket\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.(id|bucket)\}$/;
const KEY_REF = /^\$\{aws_kms_key\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.(id|key_id|arn)\}$/;

/** `ref:<resource name>` for a reference to a bucket, `name:<bucket>` for a literal name. */
function bucketKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = BUCKET_REF.exec(value);
  if (ref) return `ref:${ref[1]}`;
  return value.includes('${') ? undefined : `name:${value}`;
}

/** Whether an argument names `bucket`, by reference or by its literal name. */
function namesBucket(value: unknown, bucket: Element): boolean {
  if (typeof value !== 'string') return false;
  const ref = BUCKET_REF.exec(value);
  if (ref) return ref[1] === bucket.name;
  return !value.includes('${') && value === bucket.config.bucket;
}

function isRelevant(construct: TerraformResource | TerraformDataSource): boolean {
  const type = construct.terraformResourceType;
  return TerraformResource.isTerraformResource(construct)
    ? type.startsWith('aws_s3_bucket') || type.startsWith('aws_kms_key')
    : ['aws_iam_policy_document', 'aws_kms_alias', 'aws_kms_key'].includes(type);
}

function toElement(construct: TerraformResource | TerraformDataSource, synthesized: any): Element | undefined {
  const type = construct.terraformResourceType;
  const name = construct.friendlyUniqueId;
  const isResource = TerraformResource.isTerraformResource(construct);
  // A resource moved with `moveTo` synthesizes no block of its own.
  const config = (isResource ? synthesized.resource : synthesized.data)?.[type]?.[name];
  if (!config) return undefined;
  return { construct, type, name, address: isResource ? `${type}.${name}` : `data.${type}.${name}`, config };
}
